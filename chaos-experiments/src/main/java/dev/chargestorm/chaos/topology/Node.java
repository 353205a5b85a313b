package dev.chargestorm.chaos.topology;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One node of the system under test as the topology declares it.
 *
 * @param name  unique in the topology: {@code csms-a}, {@code csms-a-2}, {@code api-b}
 * @param zone  the zone it runs in
 * @param role  what it serves
 * @param index 1-based index among the nodes of its role in its zone
 */
@API(status = API.Status.EXPERIMENTAL)
public record Node(String name, String zone, NodeRole role, int index) {

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(role, "role");
    }

    static Node of(String zone, NodeRole role, int index) {
        String name = role.prefix() + "-" + zone + (index == 1 ? "" : "-" + index);
        return new Node(name, zone, role, index);
    }
}
