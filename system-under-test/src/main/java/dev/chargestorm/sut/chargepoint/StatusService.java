package dev.chargestorm.sut.chargepoint;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StatusNotification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connector status: the latest per connector (what the search API reads) plus the history. Naive:
 * each StatusNotification is one database transaction with an upsert and a history insert.
 * Coalesced (cheap connect path): the latest per connector is kept in memory, last writer wins
 * by status timestamp, and both tables are written in batches.
 */
@Service
public class StatusService {

	/** History rows kept in memory at most while the database cannot take them. */
	static final int MAX_PENDING_HISTORY = 200_000;

	private static final Logger logger = LoggerFactory.getLogger(StatusService.class);

	private static final String UPSERT_LATEST = """
			INSERT INTO connector_status (charge_point_id, connector_id, status, error_code, info, vendor_id,
			    vendor_error_code, status_timestamp, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
			ON CONFLICT (charge_point_id, connector_id) DO UPDATE SET status = EXCLUDED.status,
			    error_code = EXCLUDED.error_code, info = EXCLUDED.info, vendor_id = EXCLUDED.vendor_id,
			    vendor_error_code = EXCLUDED.vendor_error_code, status_timestamp = EXCLUDED.status_timestamp,
			    updated_at = now()
			WHERE connector_status.status_timestamp <= EXCLUDED.status_timestamp
			""";

	private static final String INSERT_HISTORY = """
			INSERT INTO connector_status_history (charge_point_id, connector_id, status, error_code, info, vendor_id,
			    vendor_error_code, status_timestamp)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean coalesce;

	private final ConcurrentMap<ConnectorKey, ConnectorStatus> pendingLatest = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<ConnectorStatus> pendingHistory = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingHistorySize = new AtomicInteger();

	private final Counter droppedHistory;

	StatusService(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, ConnectPathProperties connectPath,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.coalesce = connectPath.cheap();
		this.droppedHistory = meters.counter("chargestorm.status.history.dropped");
		meters.gauge("chargestorm.status.pending", this.pendingLatest, ConcurrentMap::size);
	}

	/**
	 * Records a StatusNotification.
	 * @param chargePointId who sent it
	 * @param request the notification
	 */
	public void statusNotification(String chargePointId, StatusNotification request) {
		Instant timestamp = (request.timestamp() != null) ? request.timestamp().toInstant() : this.clock.instant();
		ConnectorStatus status = new ConnectorStatus(chargePointId, request.connectorId(), request.status().name(),
				request.errorCode().name(), request.info(), request.vendorId(), request.vendorErrorCode(), timestamp);
		if (!this.coalesce) {
			this.transactions.executeWithoutResult((tx) -> {
				this.jdbc.update(UPSERT_LATEST, status.arguments());
				this.jdbc.update(INSERT_HISTORY, status.arguments());
			});
			return;
		}
		this.pendingLatest.merge(status.key(), status,
				(older, newer) -> newer.timestamp().isBefore(older.timestamp()) ? older : newer);
		if (this.pendingHistorySize.incrementAndGet() > MAX_PENDING_HISTORY) {
			this.pendingHistory.poll();
			this.pendingHistorySize.decrementAndGet();
			this.droppedHistory.increment();
		}
		this.pendingHistory.add(status);
	}

	/** Writes the coalesced statuses and the history collected since the last flush. */
	@Scheduled(fixedDelayString = "${chargestorm.connect-path.flush-interval:1s}")
	void flush() {
		List<ConnectorStatus> latest = new ArrayList<>();
		// in key order, for the reason PresenceTracker.flush gives
		for (ConnectorKey key : this.pendingLatest.keySet().stream().sorted(ConnectorKey.ORDER).toList()) {
			ConnectorStatus status = this.pendingLatest.remove(key);
			if (status != null) {
				latest.add(status);
			}
		}
		List<ConnectorStatus> history = new ArrayList<>();
		for (ConnectorStatus status; (status = this.pendingHistory.poll()) != null;) {
			this.pendingHistorySize.decrementAndGet();
			history.add(status);
		}
		if (latest.isEmpty() && history.isEmpty()) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((tx) -> {
				this.jdbc.batchUpdate(UPSERT_LATEST, latest.stream().map(ConnectorStatus::arguments).toList());
				this.jdbc.batchUpdate(INSERT_HISTORY, history.stream().map(ConnectorStatus::arguments).toList());
			});
		}
		catch (DataAccessException ex) {
			latest.forEach((status) -> this.pendingLatest.merge(status.key(), status,
					(newer, older) -> newer.timestamp().isBefore(older.timestamp()) ? older : newer));
			history.forEach((status) -> {
				this.pendingHistory.add(status);
				this.pendingHistorySize.incrementAndGet();
			});
			logger.warn("Could not write {} connector statuses, will retry: {}", latest.size(),
					ex.getMostSpecificCause().getMessage());
		}
	}

	record ConnectorKey(String chargePointId, int connectorId) {

		static final Comparator<ConnectorKey> ORDER = Comparator.comparing(ConnectorKey::chargePointId)
			.thenComparingInt(ConnectorKey::connectorId);

	}

	record ConnectorStatus(String chargePointId, int connectorId, String status, String errorCode,
			@Nullable String info, @Nullable String vendorId, @Nullable String vendorErrorCode, Instant timestamp) {

		ConnectorKey key() {
			return new ConnectorKey(this.chargePointId, this.connectorId);
		}

		Object[] arguments() {
			return new Object[] { this.chargePointId, this.connectorId, this.status, this.errorCode, this.info,
					this.vendorId, this.vendorErrorCode, Timestamp.from(this.timestamp) };
		}

	}

}
