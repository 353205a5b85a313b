package dev.chargestorm.chaos.runtime.embedded;

import org.apiguardian.api.API;

/** Where the embedded runtime runs Toxiproxy. */
@API(status = API.Status.EXPERIMENTAL)
public enum ProxyMode {

    /** One toxiproxy-embedded server inside the harness JVM: quickest, for small topologies. */
    IN_PROCESS,

    /**
     * One toxiproxy-embedded child process per zone: for large fleets, because one process may hold only 20,000 open
     * files and every proxied connection costs two sockets in the proxy.
     */
    PROCESS_PER_ZONE
}
