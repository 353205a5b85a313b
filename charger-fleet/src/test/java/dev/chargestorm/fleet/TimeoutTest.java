package dev.chargestorm.fleet;

import java.time.Duration;

import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.support.ScriptedCentralSystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CALLs that are never answered: timeouts, one CALL in flight, retries and discards of transaction messages. */
class TimeoutTest {

    @Test
    void unansweredTransactionMessagesTimeOutAreRetriedThenDiscarded() {
        // GIVEN a central system that never answers MeterValues
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-02T10:00:00Z\",\"interval\":300}";
            case "Authorize" -> "{\"idTagInfo\":{\"status\":\"Accepted\"}}";
            case "StartTransaction" -> "{\"transactionId\":77,\"idTagInfo\":{\"status\":\"Accepted\"}}";
            case "MeterValues" -> null;
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .callTimeout(Duration.ofMillis(300)).transactionMessageRetries(3, Duration.ofMillis(100))
                        .sessions(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)).build())) {
            fleet.awaitAccepted(1, Duration.ofSeconds(20));
            // WHEN a session meters every second
            fleet.charger("CP-000001").plugIn();
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.summary().discarded()
                    .getOrDefault("MeterValues", 0L) >= 1);
            FleetSummary summary = fleet.summary();
            // THEN each meter value was sent three times, each time out counted, then the message was discarded
            assertThat(summary.callTimeouts()).isGreaterThanOrEqualTo(3);
            assertThat(summary.retries()).isGreaterThanOrEqualTo(2);
            assertThat(summary.sessionsOk()).isEqualTo(1);
            assertThat(fleet.metrics().acknowledgedIds()).containsExactly("StartTransaction:CP-000001:1:77");
            assertThat(sut.received()).startsWith("BootNotification").contains("Authorize", "StartTransaction");
            assertThat(sut.received().stream().filter("MeterValues"::equals).count())
                    .isGreaterThanOrEqualTo(3 * summary.discarded().get("MeterValues"));
        }
    }

    @Test
    void heartbeatsFollowTheIntervalTheBootAnswerGave() {
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-02T10:00:00Z\",\"interval\":1}";
            case "Heartbeat" -> "{\"currentTime\":\"2026-12-02T10:00:00Z\"}";
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1).build())) {
            fleet.awaitAccepted(1, Duration.ofSeconds(20));
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().sentCount("Heartbeat") >= 3);
            // three heartbeats at 1 s take about 3 s, not the 300 s fallback
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
                    Duration.ofSeconds(15));
        }
    }

    @Test
    void aChargerThatReconnectsOnTimeoutDropsItsConnection() {
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> switch (action) {
            case "BootNotification" -> "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-02T10:00:00Z\",\"interval\":300}";
            case "StatusNotification" -> null;
            default -> "{}";
        });
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:200ms+reconnect-on-timeout"))
                        .callTimeout(Duration.ofMillis(300)).build())) {
            // the StatusNotification after the Boot goes unanswered: the charger drops the socket and redials
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().connectOutcomeCount("ok") >= 2
                    && fleet.metrics().acceptedCount() == 1);
            assertThat(fleet.summary().callTimeouts()).isGreaterThanOrEqualTo(1);
            assertThat(fleet.metrics().reconnectHistogram("fixed:200ms+reconnect-on-timeout").getMinValue())
                    .isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void anUnansweredBootIsRetried() {
        try (ScriptedCentralSystem sut = ScriptedCentralSystem.start(action -> null);
                Fleet fleet = Fleet.start(FleetSettings.builder(sut.url()).chargers(1)
                        .callTimeout(Duration.ofMillis(200)).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> sut.received().size() >= 2);
            assertThat(sut.received()).containsOnly("BootNotification");
            assertThat(fleet.summary().callTimeouts()).isGreaterThanOrEqualTo(1);
            assertThat(fleet.metrics().acceptedCount()).isZero();
        }
    }
}
