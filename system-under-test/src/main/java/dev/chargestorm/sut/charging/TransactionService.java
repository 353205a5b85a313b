package dev.chargestorm.sut.charging;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.chargestorm.sut.chargepoint.ConnectPathProperties;

import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.IdTagInfo;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.StartTransactionConf;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.StopTransactionConf;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.MeterValue;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.MeterValues;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StartTransaction;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StopTransaction;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions and meter values. Every write is idempotent, because chargers retry transaction
 * messages whose answer they did not get: a retried StartTransaction returns the transactionId
 * of the first, and a retried StopTransaction or MeterValues is stored once. On the cheap connect
 * path, meter values are group-committed: answered after a transaction shared with other chargers.
 */
@Service
public class TransactionService {

	/** Longest a MeterValues waits for its group commit; below the chargers' 30 s message timeout. */
	private static final Duration BATCH_WAIT = Duration.ofSeconds(10);

	private static final String INSERT_METER_VALUE = """
			INSERT INTO meter_value (charge_point_id, connector_id, transaction_id, sampled_at, source, sampled_values)
			VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB))
			ON CONFLICT DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final IdTagService idTags;

	private final JsonMapper mapper;

	private final @Nullable MeterValueBatchWriter batchWriter;

	TransactionService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, IdTagService idTags, JsonMapper mapper,
			TransactionTemplate transactions, ConnectPathProperties connectPath) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.idTags = idTags;
		this.mapper = mapper;
		this.batchWriter = connectPath.cheap()
				? new MeterValueBatchWriter(jdbcTemplate, transactions, INSERT_METER_VALUE) : null;
	}

	@PreDestroy
	void stop() {
		if (this.batchWriter != null) {
			this.batchWriter.close();
		}
	}

	/**
	 * Starts a transaction, or finds the one a retried request already started.
	 * @param chargePointId who sent it
	 * @param request the request
	 * @return the answer with the transactionId
	 */
	@Transactional
	public StartTransactionConf start(String chargePointId, StartTransaction request) {
		IdTagInfo idTagInfo = this.idTags.authorize(request.idTag());
		Timestamp startedAt = Timestamp.from(request.timestamp().toInstant());
		Optional<Integer> inserted = this.jdbc.sql("""
				INSERT INTO charging_transaction (id, charge_point_id, connector_id, id_tag, id_tag_status, meter_start,
				    started_at, reservation_id)
				VALUES (nextval('charging_transaction_id_seq'), ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (charge_point_id, connector_id, id_tag, started_at, meter_start) DO NOTHING
				RETURNING id
				""")
			.params(chargePointId, request.connectorId(), request.idTag(), idTagInfo.status().name(),
					request.meterStart(), startedAt, request.reservationId())
			.query(Integer.class)
			.optional();
		int transactionId = inserted.orElseGet(() -> this.jdbc.sql("""
				SELECT id FROM charging_transaction WHERE charge_point_id = ? AND connector_id = ? AND id_tag = ?
				    AND started_at = ? AND meter_start = ?
				""")
			.params(chargePointId, request.connectorId(), request.idTag(), startedAt, request.meterStart())
			.query(Integer.class)
			.single());
		return new StartTransactionConf(idTagInfo, transactionId);
	}

	/**
	 * Stops a transaction and stores its transactionData. A stop for a transactionId this system
	 * never allocated is kept as unmatched, never dropped.
	 * @param chargePointId who sent it
	 * @param request the request
	 * @return the answer
	 */
	@Transactional
	public StopTransactionConf stop(String chargePointId, StopTransaction request) {
		Timestamp stoppedAt = Timestamp.from(request.timestamp().toInstant());
		String reason = (request.reason() != null) ? request.reason().name() : "Local";
		int updated = this.jdbc.sql("""
				UPDATE charging_transaction SET meter_stop = ?, stopped_at = ?, stop_reason = ?, stop_id_tag = ?,
				    stop_received_at = now()
				WHERE id = ? AND charge_point_id = ? AND stopped_at IS NULL
				""")
			.params(request.meterStop(), stoppedAt, reason, request.idTag(), request.transactionId(), chargePointId)
			.update();
		Integer connectorId = null;
		if (updated == 0) {
			connectorId = this.jdbc.sql("SELECT connector_id FROM charging_transaction WHERE id = ? AND charge_point_id = ?")
				.params(request.transactionId(), chargePointId)
				.query(Integer.class)
				.optional()
				.orElse(null);
			if (connectorId == null) {
				this.jdbc.sql("""
						INSERT INTO unmatched_stop_transaction (charge_point_id, transaction_id, id_tag, meter_stop,
						    stopped_at, stop_reason)
						VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
						""")
					.params(chargePointId, request.transactionId(), request.idTag(), request.meterStop(), stoppedAt,
							reason)
					.update();
			}
		}
		if (request.transactionData() != null && !request.transactionData().isEmpty()) {
			int connector = (connectorId != null) ? connectorId : connectorOf(request.transactionId(), chargePointId);
			insertMeterValues(chargePointId, connector, request.transactionId(), request.transactionData(),
					"StopTransaction");
		}
		return new StopTransactionConf((request.idTag() != null) ? this.idTags.authorize(request.idTag()) : null);
	}

	/**
	 * Stores meter values; a retried message is stored once.
	 * @param chargePointId who sent them
	 * @param request the request
	 */
	public void meterValues(String chargePointId, MeterValues request) {
		List<Object[]> rows = meterValueRows(chargePointId, request.connectorId(), request.transactionId(),
				request.meterValue(), "MeterValues");
		if (this.batchWriter == null) {
			this.jdbcTemplate.batchUpdate(INSERT_METER_VALUE, rows);
			return;
		}
		try {
			this.batchWriter.submit(rows).get(BATCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof DataAccessException dataAccess) ? dataAccess
					: new TransientDataAccessResourceException("Meter values not stored", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Meter values not committed within " + BATCH_WAIT.toSeconds() + "s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while storing meter values", ex);
		}
	}

	private int connectorOf(int transactionId, String chargePointId) {
		return this.jdbc.sql("SELECT connector_id FROM charging_transaction WHERE id = ? AND charge_point_id = ?")
			.params(transactionId, chargePointId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private void insertMeterValues(String chargePointId, int connectorId, @Nullable Integer transactionId,
			List<MeterValue> meterValues, String source) {
		this.jdbcTemplate.batchUpdate(INSERT_METER_VALUE,
				meterValueRows(chargePointId, connectorId, transactionId, meterValues, source));
	}

	private List<Object[]> meterValueRows(String chargePointId, int connectorId, @Nullable Integer transactionId,
			List<MeterValue> meterValues, String source) {
		List<Object[]> rows = new ArrayList<>(meterValues.size());
		for (MeterValue meterValue : meterValues) {
			rows.add(new Object[] { chargePointId, connectorId, transactionId,
					Timestamp.from(meterValue.timestamp().toInstant()), source,
					this.mapper.writeValueAsString(meterValue.sampledValue()) });
		}
		return rows;
	}

}
