package dev.chargestorm.chaos.topology;

import org.apiguardian.api.API;

/** The network links of a topology that faults can act on; each node has its own proxy per link. */
@API(status = API.Status.EXPERIMENTAL)
public enum LinkKind {

    /** Chargers to a central-system node (WebSockets). */
    CHARGER_TO_NODE("charger"),

    /** A central-system node to PostgreSQL. */
    NODE_TO_DB("db"),

    /** Search clients to an API node (HTTP). */
    CLIENT_TO_API("client"),

    /** An API node to PostgreSQL. */
    API_TO_DB("db");

    private final String prefix;

    LinkKind(String prefix) {
        this.prefix = prefix;
    }

    /** @return the prefix of proxy names of this kind */
    public String prefix() {
        return prefix;
    }

    /** @return whether the link ends at the database */
    public boolean toDatabase() {
        return this == NODE_TO_DB || this == API_TO_DB;
    }

    /** @return whether clients (chargers or search clients) use the link to reach a node */
    public boolean fromClients() {
        return this == CHARGER_TO_NODE || this == CLIENT_TO_API;
    }
}
