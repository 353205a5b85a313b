package dev.chargestorm.chaos.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chargestorm.chaos.runtime.ProxyPlacement;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Where fleet and proxies run, from the topology and the open-file limit (20,000 here). */
class PlacementTest {

    private static final long LIMIT = 20_000;

    private static Topology zones(int count, int chargers) {
        Zone[] zones = new Zone[count];
        for (int i = 0; i < count; i++) {
            zones[i] = Zone.of(String.valueOf((char) ('a' + i)));
        }
        return Topology.of(zones).withChargers(chargers).withSearchRate(0);
    }

    @Test
    void experimentFourStaysInTheTestJvm() {
        // 5,000 chargers: 5,000 fleet sockets + 10,000 proxy sockets + the reserve fit into 20,000
        assertThat(Placement.of("x", zones(2, 5_000), 0, ProxyPlacement.AUTO, LIMIT))
                .isEqualTo(new Placement(1, ProxyPlacement.SHARED));
    }

    @Test
    void thirtyThousandChargersGoToTwoFleetProcessesAndOneProxyProcessPerZone() {
        assertThat(Placement.of("x", zones(10, 30_000), 0, ProxyPlacement.AUTO, LIMIT))
                .isEqualTo(new Placement(2, ProxyPlacement.PROCESS_PER_ZONE));
    }

    @Test
    void theZonesDeployedLastCollectWhatEveryEarlierDrainSentThem() {
        // six zones of 5,000: 6,000 after the first drain, 7,200, 8,640, 10,368, and 12,442 on the last zone
        assertThat(Placement.busiestZoneDuringADeploy(zones(6, 30_000))).isEqualTo(12_442);
        assertThat(Placement.busiestZoneDuringADeploy(zones(10, 30_000))).isEqualTo(7_744);
        // two zones: every charger ends up in one of them
        assertThat(Placement.busiestZoneDuringADeploy(zones(2, 5_000))).isEqualTo(5_000);
        assertThat(Placement.busiestZoneDuringADeploy(zones(1, 3_000))).isEqualTo(3_000);
    }

    @Test
    void sixZonesOf5000AreRefusedBecauseTheLastZonesProxyWouldRunOutOfFiles() {
        assertThatThrownBy(() -> Placement.of("storm", zones(6, 30_000), 0, ProxyPlacement.AUTO, LIMIT))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("storm: the busiest zone's proxy process would hold about 25884 open files (12442"
                        + " chargers, its own and what the zones drained before it sent it, 2 sockets each) but a"
                        + " process may hold 20000; spread the 30000 chargers over more zones");
    }

    @Test
    void explicitChoicesAreKeptWhenTheyFit() {
        assertThat(Placement.of("x", zones(6, 3_000), 2, ProxyPlacement.PROCESS_PER_ZONE, LIMIT))
                .isEqualTo(new Placement(2, ProxyPlacement.PROCESS_PER_ZONE));
        assertThat(Placement.of("x", zones(2, 3_000), 2, ProxyPlacement.AUTO, LIMIT))
                .isEqualTo(new Placement(2, ProxyPlacement.SHARED));
        assertThat(Placement.of("x", zones(2, 0), 0, ProxyPlacement.AUTO, LIMIT))
                .isEqualTo(new Placement(0, ProxyPlacement.SHARED));
    }

    @Test
    void choicesThatCannotWorkAreRefusedWithWhatWould() {
        assertThatThrownBy(() -> Placement.of("x", zones(6, 30_000), 1, ProxyPlacement.AUTO, LIMIT))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment(fleetProcesses = 1) of x: 30000 chargers need between 2 and 30000"
                        + " processes (at most 15000 chargers each)");
        assertThatThrownBy(() -> Placement.of("x", zones(6, 3_000), -1, ProxyPlacement.AUTO, LIMIT))
                .hasMessage("@ChaosExperiment(fleetProcesses) of x must be 0 (decided from the topology) or more but"
                        + " was -1");
    }
}
