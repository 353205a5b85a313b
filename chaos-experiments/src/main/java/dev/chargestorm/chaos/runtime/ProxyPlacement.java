package dev.chargestorm.chaos.runtime;

import org.apiguardian.api.API;

/**
 * Where a runtime runs the proxies of a topology's links. A proxied connection costs two sockets in the proxy and one
 * process may hold at most 20,000 open files on the machines ChargeStorm is built on, so large fleets need their
 * proxies spread over processes.
 */
@API(status = API.Status.EXPERIMENTAL)
public enum ProxyPlacement {

    /** Let the harness decide from the topology (the JUnit extension resolves it before it asks a runtime). */
    AUTO,

    /** All proxies together where the runtime finds that cheapest (the embedded runtime: inside the harness JVM). */
    SHARED,

    /** One proxy process per zone, each holding only its zone's connections. */
    PROCESS_PER_ZONE
}
