package dev.chargestorm.steadystate.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.steadystate.abort.AbortDecision;
import dev.chargestorm.steadystate.abort.AbortInput;
import dev.chargestorm.steadystate.abort.AbortMonitor;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.ObjectiveEvaluator;
import dev.chargestorm.steadystate.evaluation.ObjectiveResult;
import dev.chargestorm.steadystate.evaluation.RecoveryEvaluator;
import dev.chargestorm.steadystate.evaluation.RecoveryResult;
import dev.chargestorm.steadystate.evaluation.SliceSample;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.sli.IdProbe;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.sli.PrometheusScrapeSource;
import dev.chargestorm.steadystate.sli.RecoveryTracker;
import dev.chargestorm.steadystate.sli.SliSource;
import dev.chargestorm.steadystate.sli.SliceSnapshot;
import dev.chargestorm.steadystate.slo.AbortPolicy;
import dev.chargestorm.steadystate.slo.DataSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Invariant;
import dev.chargestorm.steadystate.slo.MetricSource;
import dev.chargestorm.steadystate.slo.Objective;
import dev.chargestorm.steadystate.slo.ObjectiveKey;
import dev.chargestorm.steadystate.slo.Phase;
import dev.chargestorm.steadystate.slo.PhaseBinding;
import dev.chargestorm.steadystate.slo.RecoveryObjective;
import dev.chargestorm.steadystate.slo.Slo;
import dev.chargestorm.steadystate.slo.SteadyState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live evaluation of a {@link SteadyState} during one experiment. The experiment drives the phases
 * ({@link #start()}, {@link #endBaseline()}, {@link #faultStarted}, {@link #faultEnded}, {@link #finish()}); slices
 * close on {@link #tick()} (call it often, or use {@link #tickEvery}); abort rules are checked at every slice boundary
 * after the first injection and call the {@link AbortHandler} once. Continuous invariants are checked at slice
 * boundaries too, but take at most a tenth of the run's time: after a slow check, the next waits. Thread-safe.
 */
public final class SteadyStateRun {

    private static final Logger LOG = LoggerFactory.getLogger(SteadyStateRun.class);

    /**
     * Continuous invariant checks take at most one part in this many of the run's time: after a check that took d,
     * the next waits at least {@code 9 d}. A check reads every id on both sides (the whole database ledger: 283,000
     * ids at 30,000 chargers), and running it every slice would load the very platform the run measures.
     */
    static final int CHECK_TIME_SHARE_DIVISOR = 10;

    /** One bound objective. */
    private record Bound(ObjectiveKey key, Slo slo, Objective objective, Map<Phase, Long> minEvents) {
    }

    private final String runName;
    private final SteadyState steadyState;
    private final Declarations declarations;
    private final InstantSource clock;
    private final Map<String, SliSource> sources;
    private final Map<String, IdProbe> probes;
    private final InProcessSource inProcess;
    private final AbortMonitor abortMonitor;
    private final AbortHandler abortHandler;
    private final Map<ObjectiveKey, Bound> bound;
    private final Map<ObjectiveKey, List<SliceSample>> series = new LinkedHashMap<>();
    private final List<PhaseWindow> phases = new ArrayList<>();
    private final List<FaultWindow> faults = new ArrayList<>();
    private final Set<String> activeFaults = new LinkedHashSet<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final List<AbortDecision> aborts = new ArrayList<>();
    private final List<RollbackStep> rollbacks = new ArrayList<>();
    private final List<InvariantCheck> breaches = new ArrayList<>();

    private RunStatus status = RunStatus.RUNNING;
    private String statusReason = "";
    private Phase phase;
    private Instant start;
    private Instant phaseStart;
    private Instant sliceStart;
    private Instant firstInjection;
    private Instant lastFaultEnd;
    private Instant nextContinuousCheck = Instant.MIN;
    private GateDecision gate;
    private Map<ObjectiveKey, Double> baselineRates;
    private RunResult result;

    private SteadyStateRun(Builder b, SteadyState steadyState, Map<ObjectiveKey, Bound> bound) {
        this.runName = b.runName;
        this.steadyState = steadyState;
        this.declarations = b.declarations;
        this.clock = b.clock;
        this.sources = Map.copyOf(b.sources);
        this.probes = Map.copyOf(b.probes);
        this.inProcess = b.inProcess;
        this.abortHandler = b.abortHandler;
        this.bound = bound;
        bound.keySet().forEach(k -> series.put(k, new ArrayList<>()));
        if (b.abortPolicy == null) {
            this.abortMonitor = null;
        } else {
            AbortPolicy policy = b.declarations.abortPolicy(b.abortPolicy).orElseThrow(() ->
                    new IllegalArgumentException("no AbortPolicy named '" + b.abortPolicy + "' is declared; known: "
                            + b.declarations.abortPolicies().stream().map(AbortPolicy::name).toList()));
            Map<ObjectiveKey, Double> targets = new HashMap<>();
            Map<ObjectiveKey, Long> mins = new HashMap<>();
            bound.values().forEach(x -> {
                targets.put(x.key(), x.objective().target());
                mins.put(x.key(), x.minEvents().values().stream().min(Long::compare).orElse(steadyState.minEventsPerSlice()));
            });
            this.abortMonitor = new AbortMonitor(policy, targets, mins);
        }
    }

    /** Starts building a run of the steady state named {@code steadyState}. */
    public static Builder builder(Declarations declarations, String steadyState) {
        return new Builder(declarations, steadyState);
    }

    /** Starts the baseline phase: primes every source and opens the first slice. */
    public synchronized void start() {
        if (start != null) {
            throw new IllegalStateException("run '" + runName + "' was already started at " + start);
        }
        start = clock.instant();
        for (Map.Entry<SliSource, List<String>> s : distinctSources().entrySet()) {
            try {
                s.getKey().collect();
            } catch (RuntimeException e) {
                event(start, "source-error", s.getValue() + ": " + e.getMessage());
            }
        }
        event(start, "run-started", "steady state " + steadyState.name() + ", slice " + steadyState.slice());
        enter(Phase.BASELINE, start);
        sliceStart = start;
        LOG.info("Run {} started: baseline for {}", runName, steadyState.baseline());
    }

    /** Closes every slice whose end has passed; moves from SETTLE to RECOVERY when the settle time is over. */
    public synchronized void tick() {
        requireStarted();
        if (result != null) {
            return;
        }
        Instant now = clock.instant();
        while (true) {
            Instant next = sliceStart.plus(steadyState.slice());
            Instant settleEnd = phase == Phase.SETTLE ? lastFaultEnd.plus(steadyState.recoverySettle()) : null;
            if (settleEnd != null && !settleEnd.isAfter(now) && !settleEnd.isAfter(next)) {
                if (settleEnd.isAfter(sliceStart)) {
                    closeSlice(settleEnd);
                }
                enter(Phase.RECOVERY, settleEnd);
                continue;
            }
            if (next.isAfter(now)) {
                return;
            }
            closeSlice(next);
        }
    }

    /** Schedules {@link #tick()} on {@code executor} four times per slice; cancel the returned future to stop. */
    public ScheduledFuture<?> tickEvery(ScheduledExecutorService executor) {
        long period = Math.max(1, steadyState.slice().toMillis() / 4);
        return executor.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("Run {}: tick failed", runName, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the baseline and applies the gate: when the steady state's baseline is a gate and any baseline objective
     * did not PASS, the run becomes NOT_STARTED and no fault may be injected.
     */
    public synchronized GateDecision endBaseline() {
        requireStarted();
        if (gate != null) {
            return gate;
        }
        tick();
        Instant now = clock.instant();
        if (now.isAfter(sliceStart)) {
            closeSlice(now);
        }
        List<ObjectiveResult> baseline = evaluate(Phase.BASELINE);
        List<ObjectiveResult> failing = baseline.stream().filter(r -> r.verdict() != Verdict.PASS).toList();
        boolean passed = !steadyState.baselineGate() || failing.isEmpty();
        gate = new GateDecision(passed, baseline);
        if (passed) {
            event(now, "baseline-gate", "passed (" + baseline.size() + " objectives)");
        } else {
            status = RunStatus.NOT_STARTED;
            statusReason = "baseline gate failed: " + String.join("; ", failing.stream()
                    .map(r -> r.key() + " " + r.verdict() + " (" + r.explanation() + ")").toList());
            event(now, "baseline-gate", statusReason);
            LOG.info("Run {}: {}", runName, statusReason);
        }
        return gate;
    }

    /** Marks a fault as injected; the first one ends the baseline (gate) and starts the FAULT phase. */
    public synchronized void faultStarted(String fault) {
        requireStarted();
        if (gate == null) {
            endBaseline();
        }
        if (status == RunStatus.NOT_STARTED) {
            throw new IllegalStateException("fault '" + fault + "' must not be injected: " + statusReason);
        }
        if (status != RunStatus.RUNNING) {
            throw new IllegalStateException("fault '" + fault + "' must not be injected: run is " + status
                    + (statusReason.isEmpty() ? "" : " (" + statusReason + ")"));
        }
        if (!activeFaults.add(fault)) {
            throw new IllegalStateException("fault '" + fault + "' is already active");
        }
        tick();
        Instant now = clock.instant();
        if (phase != Phase.FAULT) {
            if (now.isAfter(sliceStart)) {
                closeSlice(now);
            }
            enter(Phase.FAULT, now);
        }
        if (firstInjection == null) {
            firstInjection = now;
        }
        faults.add(new FaultWindow(fault, now, null));
        event(now, "fault-injected", fault);
    }

    /** Marks a fault as reverted; when none is left the run settles, then recovers. */
    public synchronized void faultEnded(String fault) {
        requireStarted();
        if (!activeFaults.remove(fault)) {
            throw new IllegalStateException("fault '" + fault + "' is not active; active: " + activeFaults);
        }
        tick();
        Instant now = clock.instant();
        for (int i = faults.size() - 1; i >= 0; i--) {
            if (faults.get(i).name().equals(fault) && faults.get(i).end() == null) {
                faults.set(i, new FaultWindow(fault, faults.get(i).start(), now));
                break;
            }
        }
        event(now, "fault-reverted", fault);
        if (activeFaults.isEmpty()) {
            if (now.isAfter(sliceStart)) {
                closeSlice(now);
            }
            lastFaultEnd = now;
            enter(steadyState.recoverySettle().isZero() ? Phase.RECOVERY : Phase.SETTLE, now);
        }
    }

    /** Logs one rollback step the experiment ran (after an abort, or at the end). */
    public synchronized void rollback(String step, boolean succeeded, String detail) {
        Instant now = clock.instant();
        rollbacks.add(new RollbackStep(now, step, succeeded, detail == null ? "" : detail));
        event(now, "rollback", step + (succeeded ? " succeeded" : " FAILED") + (detail == null ? "" : ": " + detail));
    }

    /** The operator stopped the run. */
    public synchronized void interrupt(String reason) {
        if (status == RunStatus.RUNNING) {
            status = RunStatus.INTERRUPTED;
            statusReason = reason;
        }
        event(clock.instant(), "interrupted", reason);
    }

    /** The harness failed. */
    public synchronized void errored(Throwable error) {
        if (status == RunStatus.RUNNING || status == RunStatus.INTERRUPTED) {
            status = RunStatus.ERRORED;
            statusReason = String.valueOf(error);
        }
        event(clock.instant(), "errored", String.valueOf(error));
    }

    /** The status so far. */
    public synchronized RunStatus status() {
        return status;
    }

    /**
     * Verdicts over the slices closed so far, per bound objective and phase reached (for live views: traffic lights
     * during a GameDay). The final verdicts come from {@link #finish()}.
     */
    public synchronized List<ObjectiveResult> verdictsSoFar() {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
            if (phases.stream().anyMatch(w -> w.phase() == p)) {
                out.addAll(evaluate(p));
            }
        }
        return out;
    }

    /** Slices closed so far (per objective). */
    public synchronized int slicesClosed() {
        return series.values().stream().mapToInt(List::size).max().orElse(0);
    }

    /** Rules that fired so far. */
    public synchronized List<AbortDecision> aborts() {
        return List.copyOf(aborts);
    }

    /** Closes the last slice and judges every objective, recovery objective and invariant. Idempotent. */
    public synchronized RunResult finish() {
        requireStarted();
        if (result != null) {
            return result;
        }
        tick();
        Instant end = clock.instant();
        if (end.isAfter(sliceStart)) {
            closeSlice(end);
        }
        phases.set(phases.size() - 1, new PhaseWindow(phase, phaseStart, end));
        List<ObjectiveResult> results = new ArrayList<>();
        for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
            results.addAll(evaluate(p));
        }
        List<RecoveryResult> recoveries = new ArrayList<>();
        Instant disruptionEnd = lastFaultEnd != null ? lastFaultEnd : (firstInjection != null ? end : null);
        for (String name : steadyState.recoveryObjectives()) {
            RecoveryObjective ro = declarations.recoveryObjective(name).orElseThrow();
            RecoveryTracker tracker = inProcess == null ? null : inProcess.recoveryTrackers().get(ro.population());
            recoveries.add(RecoveryEvaluator.evaluate(ro, tracker == null ? Map.of() : tracker.transitions(),
                    firstInjection, disruptionEnd));
        }
        List<InvariantCheck> finalChecks = new ArrayList<>();
        for (String name : steadyState.invariants()) {
            finalChecks.add(check(declarations.invariant(name).orElseThrow(), end));
        }
        if (status == RunStatus.RUNNING) {
            status = RunStatus.COMPLETED;
        }
        event(end, "run-finished", status.name());
        List<ObjectiveSeries> seriesOut = new ArrayList<>();
        for (Bound b : bound.values()) {
            seriesOut.add(new ObjectiveSeries(b.key(), b.objective().describe(), b.objective().target(),
                    b.objective().timeSliceTarget(), ObjectiveReader.thresholdMillis(b.objective()),
                    series.get(b.key())));
        }
        result = new RunResult(runName, steadyState.name(), status, statusReason, start, end, steadyState.slice(),
                phases, faults, seriesOut, results, recoveries, finalChecks, breaches, aborts, rollbacks, events);
        LOG.info("Run {} finished: {} ({} PASS, {} FAIL, {} INCONCLUSIVE, {} NO_DATA)", runName, status,
                result.count(Verdict.PASS), result.count(Verdict.FAIL), result.count(Verdict.INCONCLUSIVE),
                result.count(Verdict.NO_DATA));
        return result;
    }

    private List<ObjectiveResult> evaluate(Phase p) {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Bound b : bound.values()) {
            Long min = b.minEvents().get(p);
            if (min == null) {
                continue;
            }
            List<SliceSample> slices = series.get(b.key()).stream().filter(s -> s.phase() == p).toList();
            out.add(ObjectiveEvaluator.evaluate(b.key(), b.objective(), b.slo().budgetingMethod(), p, slices, min));
        }
        return out;
    }

    private void closeSlice(Instant end) {
        Map<String, SliceSnapshot> snapshots = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (Map.Entry<SliSource, List<String>> s : distinctSources().entrySet()) {
            SliceSnapshot snapshot;
            try {
                snapshot = s.getKey().collect();
            } catch (RuntimeException e) {
                snapshot = SliceSnapshot.empty();
                event(end, "source-error", s.getValue() + ": " + e.getMessage());
                for (String name : s.getValue()) {
                    errors.put(name, String.valueOf(e.getMessage()));
                }
            }
            for (String name : s.getValue()) {
                snapshots.put(name, snapshot);
            }
        }
        for (Bound b : bound.values()) {
            series.get(b.key()).add(ObjectiveReader.read(b.objective(), sliceStart, end, phase, snapshots, errors));
        }
        sliceStart = end;
        Map<String, InvariantCheck> checks = new HashMap<>();
        if (firstInjection != null && !end.isBefore(nextContinuousCheck)) {
            Instant began = clock.instant();
            for (String name : steadyState.invariants()) {
                Invariant inv = declarations.invariant(name).orElseThrow();
                if (inv.continuous()) {
                    InvariantCheck c = check(inv, end);
                    checks.put(name, c);
                    if (c.breached()) {
                        breaches.add(c);
                    }
                }
            }
            Instant done = clock.instant();
            nextContinuousCheck = done.plus(Duration.between(began, done).multipliedBy(CHECK_TIME_SHARE_DIVISOR - 1));
        }
        if (abortMonitor != null && firstInjection != null && status == RunStatus.RUNNING) {
            Set<ObjectiveKey> active = new LinkedHashSet<>();
            bound.values().stream().filter(b -> b.minEvents().containsKey(phase)).forEach(b -> active.add(b.key()));
            Map<ObjectiveKey, List<SliceSample>> view = new LinkedHashMap<>();
            series.forEach((k, v) -> view.put(k, java.util.Collections.unmodifiableList(v)));
            if (baselineRates == null) {
                baselineRates = baselineRates();
            }
            Optional<AbortDecision> decision = abortMonitor.evaluate(new AbortInput(end, view, firstInjection,
                    baselineRates, active, checks));
            decision.ifPresent(this::abort);
        }
    }

    /** Each source once (one source may serve several data source names), with its names. */
    private Map<SliSource, List<String>> distinctSources() {
        Map<SliSource, List<String>> out = new java.util.IdentityHashMap<>();
        sources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey()));
        return out;
    }

    private void abort(AbortDecision decision) {
        aborts.add(decision);
        status = RunStatus.ABORTED;
        statusReason = decision.toString();
        event(decision.at(), "abort", decision.toString());
        LOG.info("Run {}: {}", runName, decision);
        if (abortHandler != null) {
            try {
                abortHandler.onAbort(decision);
                event(clock.instant(), "abort-callback", "completed");
            } catch (RuntimeException e) {
                event(clock.instant(), "abort-callback", "failed: " + e);
                LOG.warn("Run {}: abort callback failed", runName, e);
            }
        }
    }

    private Map<ObjectiveKey, Double> baselineRates() {
        Map<ObjectiveKey, Double> rates = new HashMap<>();
        series.forEach((k, slices) -> {
            long events = 0;
            long nanos = 0;
            for (SliceSample s : slices) {
                if (s.phase() == Phase.BASELINE) {
                    events += s.total();
                    nanos += s.length().toNanos();
                }
            }
            if (nanos > 0) {
                rates.put(k, events / (nanos / 1e9));
            }
        });
        return rates;
    }

    private InvariantCheck check(Invariant inv, Instant at) {
        try {
            Collection<String> expected = probe(inv.expected()).ids();
            Collection<String> actual = probe(inv.actual()).ids();
            return InvariantCheck.reconcile(inv, at, expected, actual);
        } catch (RuntimeException e) {
            return InvariantCheck.failed(inv, at, String.valueOf(e.getMessage()));
        }
    }

    private IdProbe probe(String name) {
        IdProbe p = probes.get(name);
        if (p == null && inProcess != null && inProcess.idProbes().containsKey(name)) {
            p = inProcess.idProbes().get(name);
        }
        if (p == null) {
            throw new IllegalStateException("no probe or in-process id set named '" + name + "' is registered");
        }
        return p;
    }

    private void enter(Phase next, Instant at) {
        if (phase != null) {
            phases.set(phases.size() - 1, new PhaseWindow(phase, phaseStart, at));
        }
        phase = next;
        phaseStart = at;
        phases.add(new PhaseWindow(next, at, null));
        event(at, "phase-started", next.name());
    }

    private void event(Instant at, String type, String detail) {
        events.add(new RunEvent(at, type, detail));
    }

    private void requireStarted() {
        if (start == null) {
            throw new IllegalStateException("run '" + runName + "' has not been started; call start() first");
        }
    }

    /** Builds a {@link SteadyStateRun}; sources must cover every data source the bound objectives read. */
    public static final class Builder {
        private final Declarations declarations;
        private final String steadyStateName;
        private final Map<String, SliSource> sources = new HashMap<>();
        private final Map<String, IdProbe> probes = new HashMap<>();
        private InstantSource clock = InstantSource.system();
        private InProcessSource inProcess;
        private String abortPolicy;
        private AbortHandler abortHandler;
        private String runName;

        private Builder(Declarations declarations, String steadyStateName) {
            this.declarations = declarations;
            this.steadyStateName = steadyStateName;
            this.runName = steadyStateName;
        }

        public Builder runName(String name) {
            this.runName = name;
            return this;
        }

        public Builder clock(InstantSource instantSource) {
            this.clock = instantSource;
            return this;
        }

        /** Registers a source for a data source name (or an inline metricSource type). */
        public Builder source(String dataSourceOrType, SliSource source) {
            sources.put(dataSourceOrType, source);
            return this;
        }

        /**
         * Registers the in-process recorders: for every declared DataSource of type {@code harness.inprocess}, for
         * the inline type, as invariant probes (id sets) and as recovery trackers.
         */
        public Builder inProcess(InProcessSource source) {
            this.inProcess = source;
            for (DataSource ds : declarations.dataSources()) {
                if (ds.type().equals(InProcessSource.TYPE)) {
                    sources.putIfAbsent(ds.name(), source);
                }
            }
            sources.putIfAbsent(InProcessSource.TYPE, source);
            return this;
        }

        /**
         * Registers a {@link PrometheusScrapeSource} for every declared DataSource of type {@code Prometheus} that has a
         * {@code connectionDetails.url} and no source yet.
         */
        public Builder prometheusFromDataSources(Duration timeout) {
            for (DataSource ds : declarations.dataSources()) {
                String url = ds.connectionDetails().get("url");
                if (ds.type().equals(PrometheusScrapeSource.TYPE) && url != null) {
                    sources.computeIfAbsent(ds.name(), n -> new PrometheusScrapeSource(URI.create(url), timeout));
                }
            }
            return this;
        }

        /** Registers a Java probe for invariants. */
        public Builder probe(String name, IdProbe probe) {
            probes.put(name, probe);
            return this;
        }

        /** Checks this abort policy live from the first injection on. */
        public Builder abortPolicy(String name) {
            this.abortPolicy = name;
            return this;
        }

        public Builder onAbort(AbortHandler handler) {
            this.abortHandler = handler;
            return this;
        }

        public SteadyStateRun build() {
            SteadyState ss = declarations.steadyState(steadyStateName).orElseThrow(() -> new IllegalArgumentException(
                    "no SteadyState named '" + steadyStateName + "' is declared; known: "
                            + declarations.steadyStates().stream().map(SteadyState::name).toList()));
            Map<ObjectiveKey, Bound> bound = new LinkedHashMap<>();
            for (PhaseBinding binding : ss.objectives()) {
                Slo slo = declarations.slo(binding.sloRef()).orElseThrow();
                for (Objective o : slo.objectives()) {
                    ObjectiveKey key = slo.key(o);
                    if (!binding.selects(key)) {
                        continue;
                    }
                    Bound b = bound.computeIfAbsent(key, k -> new Bound(k, slo, o, new EnumMap<>(Phase.class)));
                    for (Phase p : binding.phases()) {
                        b.minEvents().put(p, binding.minEventsPerSlice() != null ? binding.minEventsPerSlice()
                                : ss.minEventsPerSlice());
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            for (Bound b : bound.values()) {
                for (MetricSource m : Declarations.sources(b.objective().indicator().spec())) {
                    if (!sources.containsKey(m.sourceKey()) && !missing.contains(m.sourceKey())) {
                        missing.add(m.sourceKey());
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("no SLI source registered for " + missing + " (read by steady state '"
                        + ss.name() + "'); register them with source(name, SliSource) or inProcess(..)");
            }
            return new SteadyStateRun(this, ss, bound);
        }
    }
}
