package dev.chargestorm.fleet;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import dev.chargestorm.fleet.metrics.RecoveryStats;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.persona.Personas;
import dev.chargestorm.fleet.steadystate.SteadyStateRecorders;
import dev.chargestorm.fleet.support.CentralSystem;
import dev.chargestorm.fleet.support.SharedCentralSystem;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.sli.RecoveryTracker;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A mass disconnect by the central system, and how each persona comes back. */
@ExtendWith(SharedCentralSystem.class)
class ReconnectTest {

    private static final String IMMEDIATE = "immediate";
    private static final String FIXED = "fixed:2s";
    private static final String JITTER = "backoff-jitter:4s/60s";
    private static final String RETRY_BACKOFF = "retry-backoff:1s/2s/3";
    private static final String BOOTING = "exponential:1s/120s+boot-every-connect";
    private static final String STATUS = "immediate+status-every-connect";

    @Test
    void afterAMassDisconnectEachPersonaRedialsOnItsOwnSchedule(CentralSystem sut) {
        // GIVEN 120 chargers, 20 of each persona, reporting into steady-state recorders
        InProcessSource recorders = new InProcessSource(InstantSource.system());
        FleetSettings settings = FleetSettings.builder(sut.url()).chargers(120).idPrefix("STORM-").seed(5)
                .rampPerSecond(200).personas(PersonaMix.parse(String.join(",", IMMEDIATE, FIXED, JITTER,
                        RETRY_BACKOFF, BOOTING, STATUS)))
                .build();
        try (Fleet fleet = Fleet.start(settings, SteadyStateRecorders.feeding(recorders))) {
            fleet.awaitAccepted(120, Duration.ofSeconds(60));
            long statuses = fleet.chargers().stream().mapToLong(c -> c.spec().connectors() + 1).sum();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fleet.metrics().sentCount("StatusNotification") == statuses);
            long boots = fleet.metrics().sentCount("BootNotification");
            // WHEN the central system drops every connection at once, without a close frame
            assertThat(sut.adminPost(0, "/admin/disconnect", "{\"fraction\":1.0,\"mode\":\"ABRUPT\"}").statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().acceptedCount() < 120);
            fleet.awaitAccepted(120, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.metrics().recoveries().stream()
                    .anyMatch(r -> r.kind().equals("disruption") && r.p100Millis() != null));

            // THEN every persona came back at its own pace
            Histogram immediate = fleet.metrics().reconnectHistogram(IMMEDIATE);
            assertThat(immediate.getTotalCount()).isEqualTo(20);
            // well below the fixed persona's 2 s; the rest is handshake and Boot, slow when the 2 cores are busy
            assertThat(immediate.getValueAtPercentile(50)).as("immediate p50 ms").isLessThan(1500);
            Histogram fixed = fleet.metrics().reconnectHistogram(FIXED);
            assertThat(fixed.getMinValue()).as("fixed:2s min ms").isGreaterThanOrEqualTo(2000);
            assertThat(fixed.getMaxValue()).as("fixed:2s max ms").isLessThan(3500);
            Histogram jitter = fleet.metrics().reconnectHistogram(JITTER);
            assertThat(jitter.getMinValue()).as("full jitter min ms").isLessThan(1500);
            assertThat(jitter.getMaxValue()).as("full jitter max ms").isBetween(2000L, 5500L);
            assertThat(jitter.getStdDeviation()).as("full jitter spread ms").isGreaterThan(500);
            Histogram retry = fleet.metrics().reconnectHistogram(RETRY_BACKOFF);
            assertThat(retry.getMinValue()).as("RetryBackOff min ms").isGreaterThanOrEqualTo(1000);
            assertThat(retry.getMaxValue()).as("RetryBackOff max ms").isLessThan(4500);
            Histogram booting = fleet.metrics().reconnectHistogram(BOOTING);
            assertThat(booting.getMinValue()).as("exponential min ms").isGreaterThanOrEqualTo(1000);
            // post-reconnect behaviour: only the boot-every-connect persona booted again, and the EVerest-like one
            // reported every connector
            assertThat(fleet.metrics().sentCount("BootNotification") - boots).isEqualTo(20);
            long connectorsOfStatusPersona = fleet.chargers().stream()
                    .filter(c -> c.spec().persona().name().equals(STATUS))
                    .mapToLong(c -> c.spec().connectors() + 1).sum();
            long connectorsOfBootPersona = fleet.chargers().stream()
                    .filter(c -> c.spec().persona().name().equals(BOOTING))
                    .mapToLong(c -> c.spec().connectors() + 1).sum();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    fleet.metrics().sentCount("StatusNotification") - statuses)
                    .as("StatusNotifications after the reconnect; summary %s", fleet.summary().toJson(false))
                    .isEqualTo(connectorsOfStatusPersona + connectorsOfBootPersona));

            RecoveryStats disruption = fleet.metrics().recoveries().stream()
                    .filter(r -> r.kind().equals("disruption")).reduce((a, b) -> b).orElseThrow();
            assertThat(disruption.affected()).isEqualTo(120);
            assertThat(disruption.p50Millis()).isLessThanOrEqualTo(disruption.p95Millis());
            assertThat(disruption.p99Millis()).isLessThanOrEqualTo(disruption.p100Millis());

            // and the steady-state recorders saw each charger go down and come back
            RecoveryTracker tracker = recorders.recoveryTrackers().get("fleet.connection");
            Map<String, java.util.List<RecoveryTracker.Transition>> transitions = tracker.transitions();
            assertThat(transitions).hasSize(120);
            assertThat(transitions.get("STORM-000001")).extracting(RecoveryTracker.Transition::up)
                    .containsExactly(true, false, true);
        }
    }

    @Test
    void theRampRedialEndsAtTheFirstAcceptedAndThePersonaDecidesFromThen(CentralSystem sut) {
        // GIVEN immediate chargers that would wait 30 s between redials while the fleet starts
        FleetSettings settings = FleetSettings.builder(sut.url()).chargers(20).idPrefix("RAMPED-").seed(6)
                .rampPerSecond(200).personas(PersonaMix.parse(IMMEDIATE))
                .rampRedial(Personas.parseRedial("fixed:30s")).build();
        try (Fleet fleet = Fleet.start(settings)) {
            fleet.awaitAccepted(20, Duration.ofSeconds(60));
            // WHEN the central system drops every connection at once
            assertThat(sut.adminPost(0, "/admin/disconnect", "{\"fraction\":1.0,\"mode\":\"ABRUPT\"}").statusCode())
                    .isEqualTo(202);
            // THEN all 20 are back well before the ramp's 30 s: once Accepted, the immediate persona redials
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fleet.metrics().reconnectHistogram(IMMEDIATE).getTotalCount() == 20);
            assertThat(fleet.metrics().reconnectHistogram(IMMEDIATE).getMaxValue()).as("immediate max ms")
                    .isLessThan(15_000);
            assertThat(fleet.metrics().acceptedCount()).isEqualTo(20);
        }
    }
}
