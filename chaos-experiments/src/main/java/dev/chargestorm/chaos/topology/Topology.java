package dev.chargestorm.chaos.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The platform an experiment runs against: zones with their nodes, the SUT profile, and the sizes of the charger
 * fleet and the search load that drive it. Immutable and validated on construction; derive variants with the
 * {@code with*} methods.
 *
 * <pre>{@code
 * Topology small = Topology.of(Zone.of("a"), Zone.of("b")).withProfile(SutProfile.HARDENED);
 * Topology reference = Topology.threeZones();   // csms-a, csms-b, csms-c, api-a, api-b
 * }</pre>
 *
 * <p>Every node gets its own proxies ({@link #links()}): chargers or search clients reach a node through one, the node
 * reaches PostgreSQL through another. A zone partition disables a zone's proxies; a DB fault acts on the db proxies.
 *
 * @param zones             at least one, distinct names, at least one central-system node in total
 * @param profile           naive or hardened central system
 * @param chaosMonkey       whether nodes run with Chaos Monkey for Spring Boot loaded (the {@code chaos-monkey}
 *                          profile), which Chaos Monkey assaults need
 * @param chargers          simulated chargers the fleet connects (0: no fleet)
 * @param searchRatePerSecond search requests per second of the open-loop load driver (0: no search load)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Topology(List<Zone> zones, SutProfile profile, boolean chaosMonkey, int chargers,
                       int searchRatePerSecond) {

    public Topology {
        Objects.requireNonNull(profile, "profile");
        if (zones == null || zones.isEmpty()) {
            throw new IllegalArgumentException("a topology needs at least one zone, like Topology.of(Zone.of(\"a\"))");
        }
        zones = List.copyOf(zones);
        Set<String> names = new HashSet<>();
        for (Zone zone : zones) {
            if (!names.add(zone.name())) {
                throw new IllegalArgumentException("zone names must be distinct but '" + zone.name()
                        + "' appears twice in " + zones.stream().map(Zone::name).toList());
            }
        }
        if (zones.stream().mapToInt(Zone::csmsNodes).sum() == 0) {
            throw new IllegalArgumentException("a topology needs at least one central-system node but every zone of "
                    + names + " has csmsNodes 0");
        }
        if (chargers < 0) {
            throw new IllegalArgumentException("chargers must be 0 or more but was " + chargers);
        }
        if (searchRatePerSecond < 0) {
            throw new IllegalArgumentException("searchRatePerSecond must be 0 or more but was " + searchRatePerSecond);
        }
        if (searchRatePerSecond > 0 && zones.stream().mapToInt(Zone::apiNodes).sum() == 0) {
            throw new IllegalArgumentException("a search load of " + searchRatePerSecond
                    + "/s needs at least one API node; add one with Zone.withApiNodes(1)");
        }
    }

    /** @return the given zones, naive profile, no Chaos Monkey, no fleet and no search load */
    public static Topology of(Zone... zones) {
        return new Topology(List.of(zones), SutProfile.NAIVE, false, 0, 0);
    }

    /**
     * The reference topology of ARCHITECTURE.md: zones a, b and c with one central-system node each, API nodes in
     * zones a and b, the naive profile; 5,000 chargers and 50 searches per second.
     */
    public static Topology threeZones() {
        return new Topology(List.of(Zone.of("a").withApiNodes(1), Zone.of("b").withApiNodes(1), Zone.of("c")),
                SutProfile.NAIVE, false, 5_000, 50);
    }

    public Topology withProfile(SutProfile newProfile) {
        return new Topology(zones, newProfile, chaosMonkey, chargers, searchRatePerSecond);
    }

    public Topology withChaosMonkey(boolean enabled) {
        return new Topology(zones, profile, enabled, chargers, searchRatePerSecond);
    }

    public Topology withChargers(int count) {
        return new Topology(zones, profile, chaosMonkey, count, searchRatePerSecond);
    }

    public Topology withSearchRate(int requestsPerSecond) {
        return new Topology(zones, profile, chaosMonkey, chargers, requestsPerSecond);
    }

    /** @return a copy with the zone of that name replaced */
    public Topology withZone(Zone replacement) {
        zone(replacement.name());
        List<Zone> changed = zones.stream().map(z -> z.name().equals(replacement.name()) ? replacement : z).toList();
        return new Topology(changed, profile, chaosMonkey, chargers, searchRatePerSecond);
    }

    /** @return the zone names in declaration order */
    public List<String> zoneNames() {
        return zones.stream().map(Zone::name).toList();
    }

    /**
     * @return the zone of that name
     * @throws IllegalArgumentException naming the zones there are when there is none
     */
    public Zone zone(String name) {
        return findZone(name).orElseThrow(() -> new IllegalArgumentException(
                "no zone '" + name + "' in this topology; its zones are " + zoneNames()));
    }

    /** @return the zone of that name, if the topology has it */
    public Optional<Zone> findZone(String name) {
        return zones.stream().filter(z -> z.name().equals(name)).findFirst();
    }

    /** @return every node, zone by zone, central-system nodes before API nodes */
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (Zone zone : zones) {
            for (int i = 1; i <= zone.csmsNodes(); i++) {
                nodes.add(Node.of(zone.name(), NodeRole.CSMS, i));
            }
            for (int i = 1; i <= zone.apiNodes(); i++) {
                nodes.add(Node.of(zone.name(), NodeRole.API, i));
            }
        }
        return List.copyOf(nodes);
    }

    /** @return every node of that role */
    public List<Node> nodes(NodeRole role) {
        return nodes().stream().filter(n -> n.role() == role).toList();
    }

    /**
     * @return the node of that name
     * @throws IllegalArgumentException naming the nodes there are when there is none
     */
    public Node node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + name + "' in this topology; its nodes are "
                        + nodes().stream().map(Node::name).collect(Collectors.joining(", "))));
    }

    /** @return every link (one proxy each): per node, clients to node first, then node to database */
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Node node : nodes()) {
            if (node.role() == NodeRole.CSMS) {
                links.add(Link.of(LinkKind.CHARGER_TO_NODE, node));
                links.add(Link.of(LinkKind.NODE_TO_DB, node));
            } else {
                links.add(Link.of(LinkKind.CLIENT_TO_API, node));
                links.add(Link.of(LinkKind.API_TO_DB, node));
            }
        }
        return List.copyOf(links);
    }
}
