package dev.chargestorm.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chargestorm.fleet.chargepoint.ChargePoint;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.support.ScriptedCentralSystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persona trait {@code offline-start} (OCPP 1.6 LocalAuthorizeOffline and AllowOfflineTxForUnknownId): a driver whose
 * Authorize is lost with the connection, or who arrives while the charger is offline, charges at once, and the
 * central system's answer to the queued StartTransaction decides.
 */
class OfflineStartTest {

    private static final String BOOT =
            "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-03T10:00:00Z\",\"interval\":300}";

    @Test
    void anAuthorizeLostWithTheConnectionStartsTheSessionOffline() {
        // GIVEN a central system that leaves Authorize unanswered and accepts StartTransaction
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> BOOT;
            case "Authorize" -> null;
            case "StartTransaction" -> "{\"transactionId\":78,\"idTagInfo\":{\"status\":\"Accepted\"}}";
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:200ms+offline-start")).build())) {
            // WHEN the connection drops while the Authorize waits for its answer
            plugInAndDropTheConnectionDuringTheAuthorize(fleet, sut);
            // THEN the charger starts on its own, and after the reconnect the StartTransaction is accepted
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().snapshot().sessionsOk() == 1);
            FleetSummary summary = fleet.summary();
            assertThat(summary.sessionsAuthorizedOffline()).isEqualTo(1);
            assertThat(summary.sessionFailures()).isEmpty();
            assertThat(fleet.metrics().acknowledgedIds()).containsExactly("StartTransaction:CP-000001:1:78");
            assertThat(summary.connectOutcomes()).containsEntry("ok", 2L);
            assertThat(sut.received()).containsSubsequence("Authorize", "StartTransaction");
        }
    }

    @Test
    void withoutTheTraitTheLostAuthorizeFailsTheSessionStart() {
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> BOOT;
            case "Authorize" -> null;
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:200ms")).build())) {
            plugInAndDropTheConnectionDuringTheAuthorize(fleet, sut);
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().snapshot().sessionsFailed() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().acceptedCount() == 1);
            FleetSummary summary = fleet.summary();
            assertThat(summary.sessionFailures()).containsExactly(Map.entry("authorize-connection-lost", 1L));
            assertThat(summary.sessionsAuthorizedOffline()).isZero();
            assertThat(sut.received()).doesNotContain("StartTransaction");
        }
    }

    @Test
    void aDriverArrivingOfflineChargesUntilTheCentralSystemRejectsTheTag() {
        // GIVEN a central system that rejects the tag in its answer to StartTransaction
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> BOOT;
            case "StartTransaction" -> "{\"transactionId\":79,\"idTagInfo\":{\"status\":\"Invalid\"}}";
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:200ms+offline-start")).build())) {
            fleet.awaitAccepted(1, Duration.ofSeconds(20));
            ChargePoint charger = fleet.charger("CP-000001");
            // WHEN a driver presents a card while the charger is offline
            charger.goOffline(Duration.ofSeconds(1));
            charger.plugIn();
            // THEN no Authorize went out; the queued StartTransaction did, and its Invalid stopped the transaction
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().acknowledgedIds().stream()
                    .anyMatch(id -> id.startsWith("StopTransaction:CP-000001:79")));
            FleetSummary summary = fleet.summary();
            assertThat(summary.sessionsAuthorizedOffline()).isEqualTo(1);
            assertThat(summary.sessionFailures()).containsOnlyKeys("start-invalid");
            List<String> received = sut.received();
            assertThat(received).doesNotContain("Authorize").containsSubsequence("StartTransaction", "StopTransaction");
        }
    }

    @Test
    void scheduledSessionsGoOnWhileTheChargerIsOffline() {
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> BOOT;
            case "Authorize" -> "{\"idTagInfo\":{\"status\":\"Accepted\"}}";
            case "StartTransaction" -> "{\"transactionId\":80,\"idTagInfo\":{\"status\":\"Accepted\"}}";
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:200ms+offline-start"))
                        .sessions(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(60)).build())) {
            fleet.awaitAccepted(1, Duration.ofSeconds(20));
            // WHEN the charger is offline for 3 s while drivers come every 200 ms or so
            fleet.charger("CP-000001").goOffline(Duration.ofSeconds(3));
            // THEN some of them start offline, and their starts are confirmed after the reconnect
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.summary().sessionsAuthorizedOffline() >= 2
                    && fleet.metrics().acceptedCount() == 1 && fleet.metrics().snapshot().queueDepth() == 0);
            FleetSummary summary = fleet.summary();
            assertThat(summary.sessionFailures()).as(summary.toJson(false)).isEmpty();
            assertThat(summary.sessionsOk()).isGreaterThanOrEqualTo(summary.sessionsAuthorizedOffline());
        }
    }

    private static void plugInAndDropTheConnectionDuringTheAuthorize(Fleet fleet, ScriptedCentralSystem sut) {
        fleet.awaitAccepted(1, Duration.ofSeconds(20));
        ChargePoint charger = fleet.charger("CP-000001");
        charger.plugIn();
        await().atMost(Duration.ofSeconds(10)).until(() -> sut.received().contains("Authorize"));
        charger.goOffline(Duration.ofMillis(500));
    }
}
