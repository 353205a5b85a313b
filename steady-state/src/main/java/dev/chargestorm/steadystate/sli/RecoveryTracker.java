package dev.chargestorm.steadystate.sli;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees entities (chargers) go down and come back, with timestamps from the run's clock. A recovery objective reads
 * it at the end of the run.
 */
public final class RecoveryTracker {

    /** One transition of one entity. */
    public record Transition(Instant at, boolean up) {
    }

    private final String name;
    private final InstantSource clock;
    private final Map<String, List<Transition>> transitions = new ConcurrentHashMap<>();

    RecoveryTracker(String name, InstantSource clock) {
        this.name = name;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public void down(String entity) {
        record(entity, false);
    }

    public void up(String entity) {
        record(entity, true);
    }

    private void record(String entity, boolean up) {
        Instant now = clock.instant();
        List<Transition> list = transitions.computeIfAbsent(entity, e -> new ArrayList<>());
        synchronized (list) {
            list.add(new Transition(now, up));
        }
    }

    /** A copy of every entity's transitions in time order. */
    public Map<String, List<Transition>> transitions() {
        Map<String, List<Transition>> copy = new java.util.TreeMap<>();
        transitions.forEach((k, v) -> {
            synchronized (v) {
                copy.put(k, List.copyOf(v));
            }
        });
        return copy;
    }
}
