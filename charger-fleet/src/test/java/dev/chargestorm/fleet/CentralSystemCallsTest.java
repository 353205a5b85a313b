package dev.chargestorm.fleet;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The central system's CALLs, sent through its operator API, answered by a simulated charger. */
@ExtendWith(SharedCentralSystem.class)
class CentralSystemCallsTest {

    private static final String ID = "CALL-000001";

    private static Fleet fleet(CentralSystem sut) {
        sut.provisionIdTags(5);
        Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).idPrefix("CALL-").idTags(5)
                .answerLatency(Duration.ofMillis(10), Duration.ofMillis(50)).rebootTime(Duration.ofMillis(500))
                .build());
        fleet.awaitAccepted(1, Duration.ofSeconds(30));
        return fleet;
    }

    @Test
    void remoteStartAndStopRunASession(CentralSystem sut) {
        try (Fleet fleet = fleet(sut)) {
            HttpResponse<String> start = sut.operator(ID, "remote-start", "{\"idTag\":\"TAG-000002\",\"connectorId\":1}");
            assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
            assertThat(start.body()).contains("Accepted");
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().snapshot().sessionsOk() == 1);
            String startId = fleet.metrics().acknowledgedIds().get(0);
            assertThat(startId).startsWith("StartTransaction:" + ID + ":1:");
            String transactionId = startId.substring(startId.lastIndexOf(':') + 1);
            // a second remote start on the busy connector is rejected
            assertThat(sut.operator(ID, "remote-start", "{\"idTag\":\"TAG-000003\",\"connectorId\":1}").body())
                    .contains("Rejected");
            HttpResponse<String> stop = sut.operator(ID, "remote-stop", "{\"transactionId\":" + transactionId + "}");
            assertThat(stop.body()).contains("Accepted");
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().acknowledgedIds()
                    .contains("StopTransaction:" + ID + ":" + transactionId));
            assertThat(sut.query("SELECT stop_reason FROM charging_transaction WHERE id = " + transactionId))
                    .containsExactly("Remote");
            assertThat(sut.operator(ID, "remote-stop", "{\"transactionId\":999999}").body()).contains("Rejected");
            assertThat(fleet.summary().received()).containsEntry("RemoteStartTransaction", 2L)
                    .containsEntry("RemoteStopTransaction", 2L);
        }
    }

    @Test
    void configurationIsReadAndChanged(CentralSystem sut) {
        try (Fleet fleet = fleet(sut)) {
            HttpResponse<String> read = sut.operator(ID, "get-configuration",
                    "{\"key\":[\"HeartbeatInterval\",\"NoSuchKey\"]}");
            assertThat(read.body()).contains("HeartbeatInterval").contains("unknownKey").contains("NoSuchKey");
            assertThat(sut.operator(ID, "change-configuration", "{\"key\":\"HeartbeatInterval\",\"value\":\"1\"}")
                    .body()).contains("Accepted");
            // the charger now heartbeats every second
            await().atMost(Duration.ofSeconds(15)).until(() -> fleet.metrics().sentCount("Heartbeat") >= 3);
            assertThat(sut.operator(ID, "change-configuration", "{\"key\":\"NumberOfConnectors\",\"value\":\"9\"}")
                    .body()).contains("Rejected");
            assertThat(sut.operator(ID, "change-configuration", "{\"key\":\"Unknown\",\"value\":\"1\"}").body())
                    .contains("NotSupported");
        }
    }

    @Test
    void triggerAvailabilityAndUnlockAreAnswered(CentralSystem sut) {
        try (Fleet fleet = fleet(sut)) {
            long statuses = fleet.metrics().sentCount("StatusNotification");
            assertThat(sut.operator(ID, "trigger-message", "{\"requestedMessage\":\"StatusNotification\"}").body())
                    .contains("Accepted");
            int connectors = fleet.charger(ID).spec().connectors();
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().sentCount("StatusNotification")
                    >= statuses + connectors + 1);
            assertThat(sut.operator(ID, "trigger-message", "{\"requestedMessage\":\"Heartbeat\"}").body())
                    .contains("Accepted");
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().sentCount("Heartbeat") >= 1);
            assertThat(sut.operator(ID, "change-availability", "{\"connectorId\":1,\"type\":\"Inoperative\"}").body())
                    .contains("Accepted");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sut.query(
                    "SELECT status FROM connector_status WHERE charge_point_id = '" + ID + "' AND connector_id = 1"))
                    .containsExactly("Unavailable"));
            assertThat(sut.operator(ID, "change-availability", "{\"connectorId\":1,\"type\":\"Operative\"}").body())
                    .contains("Accepted");
            assertThat(sut.operator(ID, "unlock-connector", "{\"connectorId\":1}").body()).contains("Unlocked");
            assertThat(sut.operator(ID, "unlock-connector", "{\"connectorId\":9}").body()).contains("NotSupported");
        }
    }

    @Test
    void resetRebootsWithANewBootNotification(CentralSystem sut) {
        try (Fleet fleet = fleet(sut)) {
            assertThat(sut.operator(ID, "reset", "{\"type\":\"Soft\"}").body()).contains("Accepted");
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().sentCount("BootNotification") == 2
                    && fleet.metrics().acceptedCount() == 1);
            assertThat(fleet.metrics().connectOutcomeCount("ok")).isEqualTo(2);
        }
    }
}
