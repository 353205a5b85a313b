package dev.chargestorm.steadystate.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.chargestorm.steadystate.slo.Operator;
import dev.chargestorm.steadystate.testsupport.TestClock;

import org.junit.jupiter.api.Test;

class InProcessSourceTest {

    private final TestClock clock = new TestClock(java.time.Instant.parse("2026-01-15T10:00:00Z"));
    private final InProcessSource source = new InProcessSource(clock);

    @Test
    void timer_counts_events_under_a_bound_and_each_snapshot_covers_only_its_interval() {
        // GIVEN
        LatencyRecorder timer = source.timer("search.request");
        for (int i = 1; i <= 100; i++) {
            timer.recordMillis(i * 10);
        }
        // WHEN
        SliceSnapshot first = source.collect();
        timer.record(Duration.ofMillis(5));
        SliceSnapshot second = source.collect();
        // THEN
        assertThat(first.count(Map.of("timer", "search.request"))).isEqualTo(100);
        assertThat(first.count(Map.of("timer", "search.request", "le", "200ms"))).isEqualTo(20);
        assertThat(first.count(Map.of("timer", "search.request", "le", "1s"))).isEqualTo(100);
        assertThat(first.countWhere(Map.of("timer", "search.request"), Operator.LT, 200)).isEqualTo(19);
        assertThat(first.countWhere(Map.of("timer", "search.request"), Operator.GT, 900)).isEqualTo(10);
        assertThat(first.latency(Map.of("timer", "search.request")).orElseThrow().p90Millis()).isBetween(899.0, 901.0);
        assertThat(second.count(Map.of("timer", "search.request"))).isEqualTo(1);
        assertThat(second.latency(Map.of("timer", "other"))).isEmpty();
    }

    @Test
    void counters_drain_per_snapshot_and_gauges_keep_their_value() {
        source.counter("starts").add(7);
        source.counter("starts").increment();
        source.gauge("connected").set(42.9);
        SliceSnapshot first = source.collect();
        SliceSnapshot second = source.collect();
        assertThat(first.count(Map.of("counter", "starts"))).isEqualTo(8);
        assertThat(second.count(Map.of("counter", "starts"))).isZero();
        assertThat(second.count(Map.of("gauge", "connected"))).isEqualTo(42);
        assertThat(second.value(Map.of("gauge", "connected")).getAsDouble()).isEqualTo(42.9);
        assertThat(second.value(Map.of("gauge", "unknown"))).isEmpty();
    }

    @Test
    void latencies_beyond_an_hour_are_clamped_not_lost() {
        source.timer("slow").recordMillis(Duration.ofHours(5).toMillis());
        SliceSnapshot s = source.collect();
        assertThat(s.count(Map.of("timer", "slow"))).isEqualTo(1);
        assertThat(s.count(Map.of("timer", "slow", "le", "1s"))).isZero();
    }

    @Test
    void a_spec_without_a_recorder_kind_is_rejected() {
        source.timer("t").recordMillis(1);
        SliceSnapshot s = source.collect();
        assertThatThrownBy(() -> s.count(Map.of("metric", "x"))).isInstanceOf(SourceException.class)
                .hasMessage("harness.inprocess spec needs one of timer, counter or gauge but was {metric=x}");
        assertThatThrownBy(() -> s.count(Map.of("timer", "t", "le", "fast"))).isInstanceOf(SourceException.class)
                .hasMessage("spec key 'le' must be a duration like 200ms or 1s but was 'fast'");
    }

    @Test
    void recovery_tracker_stamps_transitions_with_the_run_clock() {
        RecoveryTracker tracker = source.recoveryTracker("fleet.connection");
        tracker.down("cp-1");
        clock.advance(Duration.ofSeconds(12));
        tracker.up("cp-1");
        assertThat(tracker.transitions().get("cp-1")).extracting(RecoveryTracker.Transition::up)
                .containsExactly(false, true);
        assertThat(tracker.transitions().get("cp-1").get(1).at()).isEqualTo(clock.instant());
    }
}
