package dev.chargestorm.chaos.fault;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault settings refuse nonsense before anything is injected, saying what was expected. */
class FaultSpecsTest {

    @Test
    void deploysNeedADrainRateWhenGraceful() {
        assertThatIllegalArgumentException().isThrownBy(() -> Deploy.graceful(0))
                .withMessage("a graceful deploy needs a drain rate of at least 1 connection per second but was 0");
        assertThat(Deploy.naive().graceful()).isFalse();
        assertThat(Deploy.graceful(100).withStopGrace(Duration.ofSeconds(5)).stopGrace()).hasSeconds(5);
    }

    @Test
    void chaosMonkeyAssaultsMustDoSomething() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChaosMonkeyAssault(
                        EnumSet.of(ChaosMonkeyAssault.Watcher.SERVICE), 1, Duration.ZERO, Duration.ZERO, false))
                .withMessage("the assault does nothing: give a latency range or exceptions");
        assertThatIllegalArgumentException().isThrownBy(() -> ChaosMonkeyAssault.latency(
                        ChaosMonkeyAssault.Watcher.REPOSITORY, ofMillis(500), ofMillis(100)))
                .withMessage("latencyTo must not be below latencyFrom but was PT0.1S < PT0.5S");
        assertThatIllegalArgumentException().isThrownBy(() -> new ChaosMonkeyAssault(Set.of(), 1, Duration.ZERO,
                        Duration.ZERO, true))
                .withMessage("a Chaos Monkey assault needs at least one watcher, like REPOSITORY");
    }

    @Test
    void chaosMonkeyWatchersAreSentByTheirActuatorNames() {
        assertThat(NodeOperations.watchers(EnumSet.of(ChaosMonkeyAssault.Watcher.REST_CONTROLLER,
                ChaosMonkeyAssault.Watcher.REPOSITORY)))
                .containsExactly(java.util.Map.entry("controller", false), java.util.Map.entry("restController", true),
                        java.util.Map.entry("service", false), java.util.Map.entry("repository", true),
                        java.util.Map.entry("component", false));
    }

    @Test
    void linkToxicsCheckTheirSettings() {
        assertThatIllegalArgumentException().isThrownBy(() -> LinkToxic.slicer(10, 10, ofMillis(1)))
                .withMessage("slicer needs averageSize >= 1 and 0 <= sizeVariation < averageSize but was averageSize 10,"
                        + " sizeVariation 10");
        assertThatIllegalArgumentException().isThrownBy(() -> LinkToxic.bandwidth(-1))
                .withMessage("bandwidth must be 0 KB/s or more but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> LinkToxic.latency(ofMillis(-5), Duration.ZERO))
                .withMessage("latency must be zero or positive but was PT-0.005S");
        assertThat(LinkToxic.halfOpen(Duration.ZERO).parameters()).containsEntry("timeout", "never");
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(Checks.text(ofMillis(200))).isEqualTo("200ms");
        assertThat(Checks.text(ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Checks.text(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Checks.text(Duration.ZERO)).isEqualTo("0ms");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.millis("latency", Duration.ofNanos(1500)))
                .withMessage("latency must be whole milliseconds (Toxiproxy's unit) but was PT0.0000015S");
    }
}
