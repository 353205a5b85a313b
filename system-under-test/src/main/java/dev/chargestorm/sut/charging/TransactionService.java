package dev.chargestorm.sut.charging;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.IdTagInfo;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.StartTransactionConf;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.StopTransactionConf;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.MeterValue;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.MeterValues;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StartTransaction;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StopTransaction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transactions and meter values. Every write is idempotent, because chargers retry transaction
 * messages whose answer they did not get: a retried StartTransaction returns the transactionId
 * of the first, and a retried StopTransaction or MeterValues is stored once.
 */
@Service
public class TransactionService {

	private static final String INSERT_METER_VALUE = """
			INSERT INTO meter_value (charge_point_id, connector_id, transaction_id, sampled_at, source, sampled_values)
			VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB))
			ON CONFLICT DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final IdTagService idTags;

	private final JsonMapper mapper;

	TransactionService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, IdTagService idTags, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.idTags = idTags;
		this.mapper = mapper;
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
		insertMeterValues(chargePointId, request.connectorId(), request.transactionId(), request.meterValue(),
				"MeterValues");
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
		List<Object[]> rows = new ArrayList<>(meterValues.size());
		for (MeterValue meterValue : meterValues) {
			rows.add(new Object[] { chargePointId, connectorId, transactionId,
					Timestamp.from(meterValue.timestamp().toInstant()), source,
					this.mapper.writeValueAsString(meterValue.sampledValue()) });
		}
		this.jdbcTemplate.batchUpdate(INSERT_METER_VALUE, rows);
	}

}
