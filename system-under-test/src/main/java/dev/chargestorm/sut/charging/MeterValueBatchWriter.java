package dev.chargestorm.sut.charging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for meter values on the cheap connect path: rows from many chargers are written
 * in one transaction, and each charger's MeterValues is answered only after its rows are
 * committed. Durability stays per message; the commit (and its fsync) is shared.
 */
final class MeterValueBatchWriter implements AutoCloseable {

	private static final int MAX_BATCH_ROWS = 2_000;

	/** Writers committing in parallel: one batch's commit does not wait behind another's. */
	private static final int WRITERS = 2;

	private static final Logger logger = LoggerFactory.getLogger(MeterValueBatchWriter.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String insertSql;

	private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(20_000);

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean running = true;

	MeterValueBatchWriter(JdbcTemplate jdbc, TransactionTemplate transactions, String insertSql) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.insertSql = insertSql;
		for (int i = 0; i < WRITERS; i++) {
			this.writers.add(Thread.ofPlatform().name("meter-value-writer-" + i).daemon().start(this::run));
		}
	}

	/**
	 * Queues rows for the next batch.
	 * @param rows the rows to insert
	 * @return completes when they are committed
	 */
	CompletableFuture<Void> submit(List<Object[]> rows) {
		Submission submission = new Submission(rows, new CompletableFuture<>());
		if (!this.running || !this.queue.offer(submission)) {
			submission.done.completeExceptionally(new TransientDataAccessResourceException(
					"The meter value writer is " + (this.running ? "full" : "stopped") + "; retry later"));
		}
		return submission.done;
	}

	private void run() {
		List<Submission> batch = new ArrayList<>();
		while (this.running || !this.queue.isEmpty()) {
			try {
				Submission first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				int rows = first.rows.size();
				while (rows < MAX_BATCH_ROWS) {
					Submission next = this.queue.poll();
					if (next == null) {
						break;
					}
					batch.add(next);
					rows += next.rows.size();
				}
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Submission> batch) {
		List<Object[]> rows = new ArrayList<>();
		batch.forEach((submission) -> rows.addAll(submission.rows));
		try {
			this.transactions.executeWithoutResult((tx) -> this.jdbc.batchUpdate(this.insertSql, rows));
			batch.forEach((submission) -> submission.done.complete(null));
		}
		catch (DataAccessException ex) {
			logger.debug("Could not write {} meter values: {}", rows.size(), ex.getMostSpecificCause().getMessage());
			batch.forEach((submission) -> submission.done.completeExceptionally(ex));
		}
	}

	@Override
	public void close() {
		this.running = false;
		for (Thread writer : this.writers) {
			try {
				writer.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Submission left; (left = this.queue.poll()) != null;) {
			left.done.completeExceptionally(new TransientDataAccessResourceException("The central system is stopping"));
		}
	}

	private record Submission(List<Object[]> rows, CompletableFuture<Void> done) {
	}

}
