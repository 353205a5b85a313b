package dev.chargestorm.chaos.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One fault as the report sees it: what, where, with which parameters, and when it was active.
 *
 * @param name            unique in its {@link Faults}: {@code <kind>-<n>}, for example {@code db-latency-1}
 * @param kind            what kind of fault
 * @param target          what it acted on, for people: {@code zone a (db-csms-a)}, {@code node csms-b}
 * @param parameters      its settings and outcome, in a stable order ({@code latency=200ms}, {@code disconnected=12})
 * @param start           when it was applied
 * @param end             when it was rolled back, or {@code null} while it is active
 * @param rollbackFailure why rolling it back failed, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL)
public record FaultRecord(String name, FaultKind kind, String target, Map<String, String> parameters, Instant start,
                          @Nullable Instant end, @Nullable String rollbackFailure) {

    public FaultRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(start, "start");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** @return whether the fault is still active */
    public boolean active() {
        return end == null;
    }

    /** @return how long it was active, or has been so far */
    public Duration duration(Instant now) {
        return Duration.between(start, end == null ? now : end);
    }
}
