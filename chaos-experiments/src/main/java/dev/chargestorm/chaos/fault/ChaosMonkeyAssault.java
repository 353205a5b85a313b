package dev.chargestorm.chaos.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A Chaos Monkey for Spring Boot assault, set through {@code /actuator/chaosmonkey} (needs
 * {@code Topology.withChaosMonkey(true)}).
 *
 * @param watchers     which beans are attacked
 * @param level        every {@code level}-th call is attacked (1 = every call)
 * @param latencyFrom  shortest added latency (zero with {@code latencyTo} zero: no latency assault)
 * @param latencyTo    longest added latency
 * @param exceptions   whether attacked calls throw
 */
@API(status = API.Status.EXPERIMENTAL)
public record ChaosMonkeyAssault(Set<Watcher> watchers, int level, Duration latencyFrom, Duration latencyTo,
                                 boolean exceptions) {

    /** The Chaos Monkey watchers. */
    public enum Watcher {
        CONTROLLER, REST_CONTROLLER, SERVICE, REPOSITORY, COMPONENT
    }

    public ChaosMonkeyAssault {
        watchers = Set.copyOf(watchers);
        if (watchers.isEmpty()) {
            throw new IllegalArgumentException("a Chaos Monkey assault needs at least one watcher, like REPOSITORY");
        }
        if (level < 1 || level > 10_000) {
            throw new IllegalArgumentException("level must be between 1 and 10000 but was " + level);
        }
        Checks.notNegative("latencyFrom", latencyFrom);
        Checks.notNegative("latencyTo", latencyTo);
        if (latencyTo.compareTo(latencyFrom) < 0) {
            throw new IllegalArgumentException("latencyTo must not be below latencyFrom but was " + latencyTo
                    + " < " + latencyFrom);
        }
        if (latencyTo.isZero() && !exceptions) {
            throw new IllegalArgumentException("the assault does nothing: give a latency range or exceptions");
        }
    }

    /** @return a latency assault between {@code from} and {@code to} on every call of the watched beans */
    public static ChaosMonkeyAssault latency(Watcher watcher, Duration from, Duration to) {
        return new ChaosMonkeyAssault(EnumSet.of(watcher), 1, from, to, false);
    }

    /** @return an exception assault on every call of the watched beans */
    public static ChaosMonkeyAssault exceptions(Watcher watcher) {
        return new ChaosMonkeyAssault(EnumSet.of(watcher), 1, Duration.ZERO, Duration.ZERO, true);
    }

    public ChaosMonkeyAssault withLevel(int newLevel) {
        return new ChaosMonkeyAssault(watchers, newLevel, latencyFrom, latencyTo, exceptions);
    }
}
