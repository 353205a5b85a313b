package dev.chargestorm.chaos.fault;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A rolling deploy over the zones, zone by zone in topology order, node by node: stop, then start again and wait until
 * healthy.
 *
 * @param graceful         drain each central-system node first ({@code POST /admin/drain}) at
 *                         {@code drainRatePerSecond}, then SIGTERM; otherwise SIGTERM at once (the naive profile
 *                         drops every socket at once)
 * @param drainRatePerSecond connections closed per second while draining (graceful only)
 * @param stopGrace        how long a node may take to exit after SIGTERM before it is killed
 * @param drainTimeout     bound on each node's drain
 */
@API(status = API.Status.EXPERIMENTAL)
public record Deploy(boolean graceful, int drainRatePerSecond, Duration stopGrace, Duration drainTimeout) {

    public Deploy {
        if (graceful && drainRatePerSecond < 1) {
            throw new IllegalArgumentException("a graceful deploy needs a drain rate of at least 1 connection per second"
                    + " but was " + drainRatePerSecond);
        }
        Checks.positive("stopGrace", stopGrace);
        Checks.positive("drainTimeout", drainTimeout);
    }

    /** @return the incident's deploy: SIGTERM every node in turn, restart it, no drain */
    public static Deploy naive() {
        return new Deploy(false, 0, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    /** @return drain each central-system node at that rate, then SIGTERM and restart it */
    public static Deploy graceful(int drainRatePerSecond) {
        return new Deploy(true, drainRatePerSecond, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public Deploy withStopGrace(Duration grace) {
        return new Deploy(graceful, drainRatePerSecond, grace, drainTimeout);
    }

    public Deploy withDrainTimeout(Duration timeout) {
        return new Deploy(graceful, drainRatePerSecond, stopGrace, timeout);
    }
}
