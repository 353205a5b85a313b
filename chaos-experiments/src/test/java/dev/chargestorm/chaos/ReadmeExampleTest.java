package dev.chargestorm.chaos;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.chaos.fault.FaultHandle;
import dev.chargestorm.chaos.fault.FaultRecord;
import dev.chargestorm.chaos.fault.Faults;
import dev.chargestorm.chaos.fault.PartitionSide;
import dev.chargestorm.chaos.fault.Scope;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.runtime.embedded.EmbeddedRuntime;
import dev.chargestorm.chaos.runtime.embedded.EmbeddedRuntimeSettings;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example of the module README, compiled and run. */
@Timeout(300)
class ReadmeExampleTest {

    @Test
    void readmeExample() {
        // README example begins
        Topology topology = Topology.of(Zone.of("a"), Zone.of("b"));
        try (RunningPlatform platform = new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults())
                     .start(topology, Path.of("target/chaos-reports/readme-example"));
             Faults faults = Faults.on(platform)) {

            try (FaultHandle slowDb = faults.dbLatency(Scope.all(), ofMillis(200), ofMillis(20))) {
                // drive load through platform.chargerEndpoints() and watch the steady state
            }   // rolled back here, also when the block throws

            faults.partition("a", PartitionSide.BOTH);   // rolled back by faults.close()

            assertThat(faults.journal()).extracting(FaultRecord::name)
                    .containsExactly("db-latency-1", "zone-partition-1");
        }   // faults: rollback, faults.json; platform: every process stopped
        // README example ends
    }
}
