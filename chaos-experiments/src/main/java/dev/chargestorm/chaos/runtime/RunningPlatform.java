package dev.chargestorm.chaos.runtime;

import dev.chargestorm.chaos.topology.Link;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.NodeRole;
import dev.chargestorm.chaos.topology.Topology;
import eu.rekawek.toxiproxy.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A started topology, as experiments and faults see it: endpoints, one Toxiproxy proxy per link, and node handles.
 * {@link #close()} stops everything the runtime started; it is idempotent and never throws for a component that is
 * already gone.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface RunningPlatform extends AutoCloseable {

    /** @return the topology that was started */
    Topology topology();

    /** @return the run's report folder */
    Path runDirectory();

    /** @return every node, in topology order */
    List<NodeHandle> nodes();

    /** @return the nodes of that role */
    default List<NodeHandle> nodes(NodeRole role) {
        return nodes().stream().filter(n -> n.node().role() == role).toList();
    }

    /**
     * @return the node of that name
     * @throws IllegalArgumentException naming the nodes there are when there is none
     */
    default NodeHandle node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + name + "' in this platform; its nodes are "
                        + nodes().stream().map(NodeHandle::name).toList()));
    }

    /** @return every link, as {@link Topology#links()} */
    default List<Link> links() {
        return topology().links();
    }

    /** @return the links of that kind, in zone {@code zone} or every zone when {@code zone} is null */
    default List<Link> links(LinkKind kind, @org.jspecify.annotations.Nullable String zone) {
        return links().stream().filter(l -> l.kind() == kind && (zone == null || l.zone().equals(zone))).toList();
    }

    /**
     * @return the Toxiproxy proxy of a link, from the official Java client connected to whichever Toxiproxy serves it
     * @throws IllegalArgumentException when the link is not one of this platform's
     */
    Proxy proxy(Link link);

    /**
     * @return where a client reaches the link's node through its proxy: {@code ws://host:port} for chargers (append
     *         {@code /ocpp/<chargePointId>}), {@code http://host:port} for search clients
     * @throws IllegalArgumentException for a link to the database, or one that is not this platform's
     */
    URI endpoint(Link link);

    /** @return the proxied charger endpoints, one per central-system node ({@code ws://host:port}) */
    default List<URI> chargerEndpoints() {
        return links(LinkKind.CHARGER_TO_NODE, null).stream().map(this::endpoint).toList();
    }

    /** @return the proxied search API endpoints, one per API node ({@code http://host:port}) */
    default List<URI> apiEndpoints() {
        return links(LinkKind.CLIENT_TO_API, null).stream().map(this::endpoint).toList();
    }

    /**
     * @return the platform's PostgreSQL, reached directly (no proxy), for probes that read what the nodes stored; a
     *         fault on the db links does not cut the harness off
     */
    DatabaseEndpoint database();

    /** @return whether this platform started that node (the same handle, not one of another platform) */
    default boolean owns(NodeHandle node) {
        return nodes().stream().anyMatch(n -> n == node);
    }

    /** Stops everything this platform started. */
    @Override
    void close();
}
