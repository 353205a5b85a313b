package dev.chargestorm.chaos.fault;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault being applied or active: a stack of undo steps, each pushed before its change is made, run last-in,
 * first-out on rollback.
 */
final class ActiveFault implements FaultHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveFault.class);

    /** A change or its undo; may throw anything. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final FaultKind kind;
    private final String target;
    private final Map<String, String> parameters;
    private final Instant start;
    private final InstantSource clock;
    private final Consumer<ActiveFault> onRolledBack;
    private final Deque<Step> undo = new ArrayDeque<>();
    private @Nullable Instant end;
    private @Nullable String rollbackFailure;

    ActiveFault(String name, FaultKind kind, String target, Map<String, String> parameters, InstantSource clock,
                Consumer<ActiveFault> onRolledBack) {
        this.name = name;
        this.kind = kind;
        this.target = target;
        this.parameters = new LinkedHashMap<>(parameters);
        this.clock = clock;
        this.start = clock.instant();
        this.onRolledBack = onRolledBack;
    }

    /** Registers {@code undoStep}, then runs {@code change}. */
    void step(Step change, Step undoStep) throws Exception {
        synchronized (this) {
            undo.push(undoStep);
        }
        change.run();
    }

    /** Adds an outcome to the record ({@code disconnected=12}). */
    synchronized void note(String key, String value) {
        parameters.put(key, value);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized FaultRecord record() {
        return new FaultRecord(name, kind, target, parameters, start, end, rollbackFailure);
    }

    @Override
    public synchronized boolean isActive() {
        return end == null;
    }

    @Override
    public void rollback() {
        List<Exception> failures = new ArrayList<>();
        synchronized (this) {
            if (end != null) {
                return;
            }
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (Exception failed) {
                    failures.add(failed);
                }
            }
            end = clock.instant();
            if (!failures.isEmpty()) {
                rollbackFailure = failures.stream().map(Exception::getMessage).toList().toString();
            }
        }
        LOG.info("Fault {} rolled back{}", name, failures.isEmpty() ? "" : " with failures: " + rollbackFailure);
        onRolledBack.accept(this);
        if (!failures.isEmpty()) {
            FaultException failed = new FaultException(name, "rollback of fault " + name + " on " + target
                    + " failed: " + rollbackFailure + "; the platform may still be degraded, close it to be sure",
                    failures.getFirst());
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
    }

    @Override
    public String toString() {
        return name + " on " + target;
    }
}
