package dev.chargestorm.chaos.topology;

import org.apiguardian.api.API;

/** How the central system is configured: the naive production defaults, or every storm mitigation on. */
@API(status = API.Status.EXPERIMENTAL)
public enum SutProfile {

    /** The defaults: one DB lookup and update per connect, every socket closed at once on SIGTERM. */
    NAIVE,

    /** The {@code hardened} Spring profile: graceful drain, admission control, pending valve, cheap connect path. */
    HARDENED;

    /** @return the Spring profile this adds to a node, or an empty string for none */
    public String springProfile() {
        return this == HARDENED ? "hardened" : "";
    }
}
