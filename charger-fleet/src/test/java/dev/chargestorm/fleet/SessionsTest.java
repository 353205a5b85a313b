package dev.chargestorm.fleet;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import dev.chargestorm.fleet.chargepoint.ChargePoint;
import dev.chargestorm.fleet.metrics.FleetSummary;
import dev.chargestorm.fleet.steadystate.SteadyStateRecorders;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.Ledger;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Driver sessions, the offline queue and discards, checked against what the central system stored. */
@ExtendWith(SharedCentralSystem.class)
class SessionsTest {

    @BeforeAll
    static void idTags(CentralSystem sut) {
        sut.provisionIdTags(50);
    }

    @Test
    void everyAcknowledgedTransactionMessageIsStoredExactlyOnce(CentralSystem sut) {
        // GIVEN 10 chargers starting a session every ~300 ms, one second long, metering every second
        FleetSettings settings = FleetSettings.builder(sut.url()).chargers(10).idPrefix("SESS-").seed(11)
                .idTags(50).sessions(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(1))
                .answerLatency(Duration.ZERO, Duration.ofMillis(5)).build();
        InProcessSource recorders = new InProcessSource(InstantSource.system());
        try (Fleet fleet = Fleet.start(settings, SteadyStateRecorders.feeding(recorders))) {
            fleet.awaitAccepted(10, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.metrics().snapshot().sessionsOk() >= 20
                    && fleet.metrics().sentCount("MeterValues") >= 10);
            // WHEN every driver unplugs and the queues drain
            fleet.chargers().forEach(ChargePoint::unplugAll);
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.metrics().snapshot().queueDepth() == 0);
            fleet.close();
            FleetSummary summary = fleet.summary();
            // THEN sessions started, nothing was lost, and each acknowledged id is one row in the database
            assertThat(summary.sessionsOk()).isGreaterThanOrEqualTo(20);
            assertThat(summary.sessionStart().getTotalCount()).isEqualTo(summary.sessionsOk());
            assertThat(summary.discarded()).as(summary.toJson(false)).isEmpty();
            assertThat(summary.callErrors()).as(summary.toJson(false)).isEmpty();
            List<String> acknowledged = fleet.metrics().acknowledgedIds();
            assertThat(acknowledged).hasSize((int) summary.acknowledged())
                    .anyMatch(id -> id.startsWith("StartTransaction:SESS-"))
                    .anyMatch(id -> id.startsWith("StopTransaction:SESS-"))
                    .anyMatch(id -> id.startsWith("MeterValues:SESS-"))
                    .doesNotHaveDuplicates();
            List<String> persisted = Ledger.persistedIds(sut, "SESS-");
            assertThat(persisted).doesNotHaveDuplicates().containsAll(acknowledged);
            // the steady-state invariant reads the same ids
            assertThat(recorders.idProbes().get("fleet.confirmed-messages").ids())
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void transactionMessagesQueueWhileOfflineAndReplayInOrder(CentralSystem sut) {
        // GIVEN a charger in a session, metering every second, that loses its network for 4 s
        FleetSettings settings = FleetSettings.builder(sut.url()).chargers(1).idPrefix("OFFL-").idTags(50)
                .sessions(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)).build();
        try (Fleet fleet = Fleet.start(settings)) {
            fleet.awaitAccepted(1, Duration.ofSeconds(30));
            ChargePoint charger = fleet.charger("OFFL-000001");
            charger.plugIn();
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().snapshot().sessionsOk() == 1);
            charger.goOffline(Duration.ofSeconds(4));
            // WHEN meter values pile up offline and the driver unplugs before the network returns
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().snapshot().queueDepth() >= 2);
            charger.unplugAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().snapshot().queueDepth() >= 3);
            assertThat(fleet.metrics().connectedCount()).isZero();
            // THEN after the reconnect the queue drains in order: Start, meter values by time, Stop
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.metrics().snapshot().queueDepth() == 0
                    && fleet.metrics().acknowledgedIds().stream().anyMatch(id -> id.startsWith("StopTransaction")));
            List<String> acknowledged = fleet.metrics().acknowledgedIds();
            assertThat(acknowledged.get(0)).startsWith("StartTransaction:OFFL-000001:");
            assertThat(acknowledged.get(acknowledged.size() - 1)).startsWith("StopTransaction:OFFL-000001:");
            List<Long> meterTimes = acknowledged.stream().filter(id -> id.startsWith("MeterValues"))
                    .map(id -> Long.parseLong(id.substring(id.lastIndexOf(':') + 1))).toList();
            assertThat(meterTimes).hasSizeGreaterThanOrEqualTo(2).isSorted();
            assertThat(fleet.metrics().recoveries()).anyMatch(r -> r.kind().equals("disruption")
                    && r.affected() == 1 && r.p100Millis() != null && r.p100Millis() >= 4000);
            assertThat(Ledger.persistedIds(sut, "OFFL-")).containsAll(acknowledged);
            assertThat(fleet.summary().discardedTotal()).isZero();
        }
    }

    @Test
    void callErrorsOnTransactionMessagesAreRetriedThenDiscardedAndCounted(CentralSystem sut) {
        // GIVEN a database that refuses every meter value (the central system answers CALLERROR InternalError)
        sut.execute("ALTER TABLE meter_value ADD CONSTRAINT no_meter_values_for_test CHECK (charge_point_id NOT LIKE "
                + "'DISC-%') NOT VALID");
        try {
            FleetSettings settings = FleetSettings.builder(sut.url()).chargers(1).idPrefix("DISC-").idTags(50)
                    .sessions(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1))
                    .transactionMessageRetries(3, Duration.ofMillis(200)).build();
            try (Fleet fleet = Fleet.start(settings)) {
                fleet.awaitAccepted(1, Duration.ofSeconds(30));
                fleet.charger("DISC-000001").plugIn();
                // WHEN two meter values fail three times each
                await().atMost(Duration.ofSeconds(30)).until(() -> fleet.summary().discarded()
                        .getOrDefault("MeterValues", 0L) >= 2);
                fleet.charger("DISC-000001").unplugAll();
                await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().acknowledgedIds().stream()
                        .anyMatch(id -> id.startsWith("StopTransaction:DISC-")));
                FleetSummary summary = fleet.summary();
                // THEN each was tried TransactionMessageAttempts times, then discarded and counted, and the Stop went on
                long discarded = summary.discarded().get("MeterValues");
                assertThat(summary.callErrors().get("InternalError")).isGreaterThanOrEqualTo(3 * discarded);
                assertThat(summary.retries()).isGreaterThanOrEqualTo(2 * discarded);
                assertThat(summary.sent().get("MeterValues")).isGreaterThanOrEqualTo(3 * discarded);
                assertThat(fleet.metrics().acknowledgedIds()).noneMatch(id -> id.startsWith("MeterValues"));
            }
        } finally {
            sut.execute("ALTER TABLE meter_value DROP CONSTRAINT IF EXISTS no_meter_values_for_test");
        }
    }
}
