package dev.chargestorm.fleet.metrics;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetSummaryTest {

    @Test
    void aSummaryRoundTripsThroughItsRawJson() {
        FleetSummary summary = sample(1000, 10, 100);
        FleetSummary read = FleetSummary.fromJson(summary.toJson(true));
        assertThat(read.size()).isEqualTo(10);
        assertThat(read.connectOutcomes()).isEqualTo(summary.connectOutcomes());
        assertThat(read.discarded()).isEqualTo(summary.discarded());
        assertThat(read.sessionsAuthorizedOffline()).isEqualTo(1);
        assertThat(read.bootRoundTrip()).isEqualTo(summary.bootRoundTrip());
        assertThat(read.reconnectByPersona()).isEqualTo(summary.reconnectByPersona());
        assertThat(read.recoveries()).isEqualTo(summary.recoveries());
    }

    @Test
    void summariesOfSeveralProcessesMerge() {
        FleetSummary merged = FleetSummary.merge(List.of(sample(1000, 10, 100), sample(1200, 20, 300)));
        assertThat(merged.processes()).isEqualTo(2);
        assertThat(merged.size()).isEqualTo(30);
        assertThat(merged.connectOutcomes()).containsEntry("ok", 30L).containsEntry("http-503", 4L);
        assertThat(merged.bootRoundTrip().getTotalCount()).isEqualTo(30);
        assertThat(merged.sessionsAuthorizedOffline()).isEqualTo(1 + 2);
        assertThat(merged.reconnectByPersona().get("immediate").getTotalCount()).isEqualTo(30);
        // the two disruptions overlap in time: one recovery of 30 chargers from the earlier start
        RecoveryStats disruption = merged.recoveries().stream().filter(r -> r.kind().equals("disruption"))
                .findFirst().orElseThrow();
        assertThat(disruption.affected()).isEqualTo(30);
        assertThat(disruption.startEpochMillis()).isEqualTo(1000);
        assertThat(disruption.p100Millis()).isEqualTo(200 + 300 + 19);
        assertThat(merged.toJson(false)).contains("\"processes\" : 2").doesNotContain("encoded");
    }

    @Test
    void recoveryTimesAreReachedOnlyWhenEnoughChargersAreBack() {
        RecoveryStats stats = RecoveryStats.of("disruption", 0, 100, new long[] {10, 20, 30});
        assertThat(stats.p50Millis()).isNull();
        RecoveryStats all = RecoveryStats.of("disruption", 0, 4, new long[] {10, 20, 30, 40});
        assertThat(all.p50Millis()).isEqualTo(20);
        assertThat(all.p95Millis()).isEqualTo(40);
        assertThat(all.p100Millis()).isEqualTo(40);
    }

    private static FleetSummary sample(long start, int chargers, long offset) {
        FleetMetrics metrics = new FleetMetrics(chargers, true);
        for (int i = 0; i < chargers; i++) {
            metrics.connectAttempt("ok");
            metrics.bootRoundTrip(1_000_000L * (i + 1));
            ChargerTrack track = new ChargerTrack("CP-" + i, "immediate");
            metrics.online(track);
            metrics.offline(track);
            metrics.online(track);
        }
        metrics.connectAttempt("http-503");
        metrics.connectAttempt("http-503");
        metrics.discarded("CP-1", "MeterValues");
        FleetSummary raw = metrics.summary();
        long[] offsets = new long[chargers];
        for (int i = 0; i < chargers; i++) {
            offsets[i] = offset + i;
        }
        List<RecoveryStats> recoveries = List.of(RecoveryStats.of("disruption", start, chargers, offsets));
        return new FleetSummary(start, start + 5000, 1, chargers, chargers, chargers, raw.connectOutcomes(),
                raw.sent(), raw.received(), raw.callErrors(), 0, 0, raw.discarded(), 0, 0, 0, 0, raw.sessionFailures(),
                chargers / 10, 0, raw.sessionStart(), raw.bootRoundTrip(), raw.reconnect(), raw.reconnectByPersona(), recoveries);
    }
}
