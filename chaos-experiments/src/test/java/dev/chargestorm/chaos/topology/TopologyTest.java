package dev.chargestorm.chaos.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void threeZonesIsTheReferenceTopology() {
        Topology topology = Topology.threeZones();

        assertThat(topology.zoneNames()).containsExactly("a", "b", "c");
        assertThat(topology.nodes()).extracting(Node::name)
                .containsExactly("csms-a", "api-a", "csms-b", "api-b", "csms-c");
        assertThat(topology.links()).extracting(Link::proxy).containsExactly(
                "charger-csms-a", "db-csms-a", "client-api-a", "db-api-a",
                "charger-csms-b", "db-csms-b", "client-api-b", "db-api-b",
                "charger-csms-c", "db-csms-c");
        assertThat(topology.profile()).isEqualTo(SutProfile.NAIVE);
        assertThat(topology.chargers()).isEqualTo(5_000);
    }

    @Test
    void withersReturnChangedCopies() {
        Topology base = Topology.of(Zone.of("a"));

        Topology changed = base.withProfile(SutProfile.HARDENED).withChaosMonkey(true).withChargers(10)
                .withZone(Zone.of("a").withCsmsNodes(2));

        assertThat(base.profile()).isEqualTo(SutProfile.NAIVE);
        assertThat(changed.nodes()).extracting(Node::name).containsExactly("csms-a", "csms-a-2");
        assertThat(changed.chaosMonkey()).isTrue();
        assertThat(changed.zones()).isUnmodifiable();
    }

    @Test
    void invalidTopologiesAreRefusedWithWhatToDo() {
        assertThatIllegalArgumentException().isThrownBy(Topology::of)
                .withMessage("a topology needs at least one zone, like Topology.of(Zone.of(\"a\"))");
        assertThatIllegalArgumentException().isThrownBy(() -> Topology.of(Zone.of("a"), Zone.of("a")))
                .withMessage("zone names must be distinct but 'a' appears twice in [a, a]");
        assertThatIllegalArgumentException().isThrownBy(() -> Topology.of(Zone.of("a").withCsmsNodes(0)))
                .withMessage("a topology needs at least one central-system node but every zone of [a] has csmsNodes 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Topology.of(Zone.of("a")).withSearchRate(10))
                .withMessage("a search load of 10/s needs at least one API node; add one with Zone.withApiNodes(1)");
        assertThatIllegalArgumentException().isThrownBy(() -> Zone.of("Zone A"))
                .withMessageStartingWith("zone name must be 1-8 lower-case letters").withMessageEndingWith("'Zone A'");
        assertThatIllegalArgumentException().isThrownBy(() -> Zone.of("a").withCsmsNodes(-1))
                .withMessage("zone 'a': csmsNodes must be between 0 and 16 but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> Topology.of(Zone.of("a")).withChargers(-5))
                .withMessage("chargers must be 0 or more but was -5");
    }

    @Test
    void lookupsNameWhatThereIs() {
        Topology topology = Topology.of(Zone.of("a"), Zone.of("b"));

        assertThatIllegalArgumentException().isThrownBy(() -> topology.zone("x"))
                .withMessage("no zone 'x' in this topology; its zones are [a, b]");
        assertThatIllegalArgumentException().isThrownBy(() -> topology.node("csms-x"))
                .withMessage("no node 'csms-x' in this topology; its nodes are csms-a, csms-b");
        assertThat(topology.nodes(NodeRole.CSMS)).hasSize(2);
        assertThat(topology.links()).filteredOn(l -> l.kind().toDatabase()).extracting(Link::zone)
                .isEqualTo(List.of("a", "b"));
    }
}
