package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/** The kinds of fault {@link Faults} injects. */
@API(status = API.Status.EXPERIMENTAL)
public enum FaultKind {

    DB_LATENCY("db-latency"),
    DB_OUTAGE("db-outage"),
    ZONE_PARTITION("zone-partition"),
    DEGRADED_CHARGER_LINKS("degraded-charger-links"),
    MASS_DISCONNECT("mass-disconnect"),
    NODE_CRASH("node-crash"),
    DEPLOY("deploy"),
    CHAOS_MONKEY("chaos-monkey");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    /** @return the kebab-case name used in fault names and reports */
    public String label() {
        return label;
    }
}
