package dev.chargestorm.sut.ocpp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.chargestorm.sut.charging.IdTagService;
import dev.chargestorm.sut.charging.IdTagService.IdTag;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OfficialSchemas;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every charge-point-initiated action against the real central system: what it answers (checked
 * against the official schemas) and what it persists (checked in PostgreSQL).
 */
class CentralSystemRoundTripTest extends SutIntegrationTest {

	private static final String BOOT = """
			{"chargePointVendor":"ChargeStorm","chargePointModel":"Sim-4","chargePointSerialNumber":"SN-1",
			 "firmwareVersion":"1.2.3","meterType":"DC","iccid":"8981","imsi":"440"}""";

	@Autowired
	private IdTagService idTags;

	@Test
	void bootNotificationIsAcceptedWithJitteredIntervalAndStored() {
		String id = uniqueChargePointId("boot");
		try (OcppTestClient charger = connect(id)) {
			// WHEN
			JsonNode answer = charger.result("BootNotification", BOOT);
			// THEN
			OfficialSchemas.assertValid("BootNotificationResponse", answer);
			assertThat(answer.get("status").asString()).isEqualTo("Accepted");
			assertThat(answer.get("interval").asInt()).isBetween(270, 330);
			assertThat(Instant.parse(answer.get("currentTime").asString())).isCloseTo(Instant.now(),
					within(5, ChronoUnit.SECONDS));
			Map<String, Object> row = this.jdbc.queryForMap(
					"SELECT vendor, model, serial_number, firmware_version, online, last_boot_at FROM charge_point WHERE id = ?",
					id);
			assertThat(row).containsEntry("vendor", "ChargeStorm")
				.containsEntry("model", "Sim-4")
				.containsEntry("serial_number", "SN-1")
				.containsEntry("firmware_version", "1.2.3")
				.containsEntry("online", true);
			assertThat(row.get("last_boot_at")).isNotNull();
		}
	}

	@Test
	void heartbeatAnswersTheTimeAndRecordsTheHeartbeat() {
		String id = uniqueChargePointId("heartbeat");
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			JsonNode answer = charger.result("Heartbeat", "{}");
			// THEN
			OfficialSchemas.assertValid("HeartbeatResponse", answer);
			assertThat(Instant.parse(answer.get("currentTime").asString())).isCloseTo(Instant.now(),
					within(5, ChronoUnit.SECONDS));
			assertThat(this.jdbc.queryForObject("SELECT last_heartbeat_at IS NOT NULL FROM charge_point WHERE id = ?",
					Boolean.class, id))
				.isTrue();
		}
	}

	@Test
	void statusNotificationKeepsTheLatestStatusPerConnectorAndTheHistory() {
		String id = uniqueChargePointId("status");
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN: Available, then Charging, then a late Preparing with an older timestamp
			JsonNode answer = charger.result("StatusNotification", status(1, "Available", "2026-01-01T10:00:00Z"));
			charger.result("StatusNotification", status(1, "Charging", "2026-01-01T10:05:00Z"));
			charger.result("StatusNotification", status(1, "Preparing", "2026-01-01T10:01:00Z"));
			charger.result("StatusNotification", status(2, "Faulted", "2026-01-01T10:02:00Z"));
			// THEN
			OfficialSchemas.assertValid("StatusNotificationResponse", answer);
			assertThat(answer.size()).isZero();
			assertThat(this.jdbc.queryForList(
					"SELECT connector_id || ':' || status FROM connector_status WHERE charge_point_id = ? ORDER BY 1",
					String.class, id))
				.containsExactly("1:Charging", "2:Faulted");
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM connector_status_history WHERE charge_point_id = ?", Integer.class, id))
				.isEqualTo(4);
		}
	}

	@Test
	void authorizeAnswersTheProvisionedStatusExpiryAndInvalidForUnknownTags() {
		String id = uniqueChargePointId("authorize");
		Instant expired = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		Instant future = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		String suffix = id.substring(id.length() - 6);
		this.idTags.provision(List.of(new IdTag("OK-" + suffix, AuthorizationStatus.Accepted, future, "GRP-1"),
				new IdTag("OLD-" + suffix, AuthorizationStatus.Accepted, expired, null),
				new IdTag("BLK-" + suffix, AuthorizationStatus.Blocked, null, null)));
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			JsonNode accepted = charger.result("Authorize", "{\"idTag\":\"OK-" + suffix + "\"}");
			JsonNode expiredAnswer = charger.result("Authorize", "{\"idTag\":\"OLD-" + suffix + "\"}");
			JsonNode blocked = charger.result("Authorize", "{\"idTag\":\"BLK-" + suffix + "\"}");
			JsonNode unknown = charger.result("Authorize", "{\"idTag\":\"NOBODY-" + suffix + "\"}");
			// THEN
			for (JsonNode answer : List.of(accepted, expiredAnswer, blocked, unknown)) {
				OfficialSchemas.assertValid("AuthorizeResponse", answer);
			}
			assertThat(accepted.at("/idTagInfo/status").asString()).isEqualTo("Accepted");
			assertThat(Instant.parse(accepted.at("/idTagInfo/expiryDate").asString())).isEqualTo(future);
			assertThat(accepted.at("/idTagInfo/parentIdTag").asString()).isEqualTo("GRP-1");
			assertThat(expiredAnswer.at("/idTagInfo/status").asString()).isEqualTo("Expired");
			assertThat(blocked.at("/idTagInfo/status").asString()).isEqualTo("Blocked");
			assertThat(unknown.at("/idTagInfo/status").asString()).isEqualTo("Invalid");
		}
	}

	@Test
	void aTransactionStartsSendsMeterValuesAndStopsWithItsDataStored() {
		String id = uniqueChargePointId("tx");
		String tag = "TX-" + id.substring(id.length() - 6);
		this.idTags.provision(List.of(new IdTag(tag, AuthorizationStatus.Accepted, null, null)));
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			JsonNode started = charger.result("StartTransaction", """
					{"connectorId":1,"idTag":"%s","meterStart":1000,"timestamp":"2026-02-01T08:00:00Z"}"""
				.formatted(tag));
			int transactionId = started.get("transactionId").asInt();
			JsonNode meterValues = charger.result("MeterValues", """
					{"connectorId":1,"transactionId":%d,"meterValue":[{"timestamp":"2026-02-01T08:01:00Z",
					 "sampledValue":[{"value":"1500","measurand":"Energy.Active.Import.Register","unit":"Wh",
					 "context":"Sample.Periodic"},{"value":"7.2","measurand":"Power.Active.Import","unit":"kW"}]}]}"""
				.formatted(transactionId));
			JsonNode stopped = charger.result("StopTransaction", """
					{"transactionId":%d,"idTag":"%s","meterStop":4200,"timestamp":"2026-02-01T08:30:00Z",
					 "reason":"EVDisconnected","transactionData":[{"timestamp":"2026-02-01T08:30:00Z",
					 "sampledValue":[{"value":"4200","context":"Transaction.End"}]}]}"""
				.formatted(transactionId, tag));
			// THEN
			OfficialSchemas.assertValid("StartTransactionResponse", started);
			OfficialSchemas.assertValid("MeterValuesResponse", meterValues);
			OfficialSchemas.assertValid("StopTransactionResponse", stopped);
			assertThat(started.at("/idTagInfo/status").asString()).isEqualTo("Accepted");
			assertThat(stopped.at("/idTagInfo/status").asString()).isEqualTo("Accepted");
			Map<String, Object> transaction = this.jdbc.queryForMap(
					"SELECT connector_id, id_tag, meter_start, meter_stop, stop_reason FROM charging_transaction WHERE id = ?",
					transactionId);
			assertThat(transaction).containsEntry("connector_id", 1)
				.containsEntry("id_tag", tag)
				.containsEntry("meter_start", 1000L)
				.containsEntry("meter_stop", 4200L)
				.containsEntry("stop_reason", "EVDisconnected");
			assertThat(this.jdbc.queryForList(
					"SELECT source FROM meter_value WHERE transaction_id = ? AND charge_point_id = ? ORDER BY sampled_at",
					String.class, transactionId, id))
				.containsExactly("MeterValues", "StopTransaction");
		}
	}

	@Test
	void aRetriedStartTransactionReturnsTheSameTransactionAndRetriedMeterValuesAreStoredOnce() {
		String id = uniqueChargePointId("retry");
		String start = """
				{"connectorId":2,"idTag":"RETRY","meterStart":77,"timestamp":"2026-03-01T12:00:00Z"}""";
		String meterValues = """
				{"connectorId":2,"meterValue":[{"timestamp":"2026-03-01T12:01:00Z","sampledValue":[{"value":"80"}]}]}""";
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN: the charger did not get the first answers and sends the same messages again
			int first = charger.callWithId("start-1", "StartTransaction", start).get(2).get("transactionId").asInt();
			int retried = charger.callWithId("start-1-retry", "StartTransaction", start)
				.get(2)
				.get("transactionId")
				.asInt();
			charger.result("MeterValues", meterValues);
			charger.result("MeterValues", meterValues);
			// THEN
			assertThat(retried).isEqualTo(first);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM charging_transaction WHERE charge_point_id = ?",
					Integer.class, id))
				.isOne();
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM meter_value WHERE charge_point_id = ?",
					Integer.class, id))
				.isOne();
		}
	}

	@Test
	void aStopForAnUnknownTransactionIsKeptAsUnmatched() {
		String id = uniqueChargePointId("unmatched");
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			JsonNode answer = charger.result("StopTransaction",
					"{\"transactionId\":987654,\"meterStop\":10,\"timestamp\":\"2026-03-02T12:00:00Z\"}");
			// THEN
			OfficialSchemas.assertValid("StopTransactionResponse", answer);
			assertThat(this.jdbc.queryForObject(
					"SELECT stop_reason FROM unmatched_stop_transaction WHERE charge_point_id = ? AND transaction_id = 987654",
					String.class, id))
				.isEqualTo("Local");
		}
	}

	@Test
	void dataTransferAndFirmwareAndDiagnosticsNotificationsAreStored() {
		String id = uniqueChargePointId("notify");
		try (OcppTestClient charger = connect(id)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			JsonNode dataTransfer = charger.result("DataTransfer",
					"{\"vendorId\":\"com.example\",\"messageId\":\"Temp\",\"data\":\"42\"}");
			JsonNode firmware = charger.result("FirmwareStatusNotification", "{\"status\":\"Installing\"}");
			JsonNode diagnostics = charger.result("DiagnosticsStatusNotification", "{\"status\":\"Uploaded\"}");
			// THEN
			OfficialSchemas.assertValid("DataTransferResponse", dataTransfer);
			OfficialSchemas.assertValid("FirmwareStatusNotificationResponse", firmware);
			OfficialSchemas.assertValid("DiagnosticsStatusNotificationResponse", diagnostics);
			assertThat(dataTransfer.get("status").asString()).isEqualTo("Accepted");
			assertThat(this.jdbc.queryForObject(
					"SELECT vendor_id || '/' || message_id || '/' || data FROM data_transfer WHERE charge_point_id = ?",
					String.class, id))
				.isEqualTo("com.example/Temp/42");
			assertThat(this.jdbc.queryForMap(
					"SELECT firmware_status, diagnostics_status FROM charge_point WHERE id = ?", id))
				.containsEntry("firmware_status", "Installing")
				.containsEntry("diagnostics_status", "Uploaded");
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM charge_point_notification WHERE charge_point_id = ?", Integer.class, id))
				.isEqualTo(2);
		}
	}

	private static String status(int connectorId, String status, String timestamp) {
		return """
				{"connectorId":%d,"errorCode":"NoError","status":"%s","timestamp":"%s"}"""
			.formatted(connectorId, status, timestamp);
	}

}
