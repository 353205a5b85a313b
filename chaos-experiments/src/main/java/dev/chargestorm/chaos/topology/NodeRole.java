package dev.chargestorm.chaos.topology;

import org.apiguardian.api.API;

/** What a node of the system under test serves. */
@API(status = API.Status.EXPERIMENTAL)
public enum NodeRole {

    /** A central-system node: chargers connect to it over OCPP-J WebSockets. */
    CSMS("csms", "ocpp"),

    /** A charging-spot search API node. */
    API("api", "api");

    private final String prefix;
    private final String sutRole;

    NodeRole(String prefix, String sutRole) {
        this.prefix = prefix;
        this.sutRole = sutRole;
    }

    /** @return the prefix of node names with this role ({@code csms}, {@code api}) */
    public String prefix() {
        return prefix;
    }

    /** @return the value of the central system's {@code chargestorm.node.role} property */
    public String sutRole() {
        return sutRole;
    }
}
