package dev.chargestorm.chaos.topology;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One faultable link: a Toxiproxy proxy in front of a node (clients to node) or between a node and the database.
 *
 * @param proxy the proxy name, {@code <kind prefix>-<node>}: {@code charger-csms-a}, {@code db-csms-a},
 *              {@code client-api-a}, {@code db-api-a}
 * @param kind  which link it is
 * @param node  the node at its end (clients to node) or at its start (node to database)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Link(String proxy, LinkKind kind, Node node) {

    public Link {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
    }

    static Link of(LinkKind kind, Node node) {
        return new Link(kind.prefix() + "-" + node.name(), kind, node);
    }

    /** @return the zone of the link's node */
    public String zone() {
        return node.zone();
    }
}
