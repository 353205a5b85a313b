package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/** How the database becomes unreachable. */
@API(status = API.Status.EXPERIMENTAL)
public enum OutageMode {

    /** Connections are refused and open ones closed (the proxies are disabled): a crashed or stopped database. */
    REFUSED,

    /** Connections stay open but nothing gets through (a timeout toxic of 0): a network black hole. */
    BLACKHOLE
}
