package dev.chargestorm.steadystate.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.yaml.SloFiles;

/**
 * Drives the shipped charging-platform steady state with synthetic traffic on a test clock: 2 min baseline, a fault,
 * 60 s settle, 3 min recovery. Slices are 10 s; each slice carries 400 searches and 400 session starts.
 */
public final class PlatformScenario {

    public static final Path SLO_FILE = Path.of("slo/charging-platform.yaml");
    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final Duration SLICE = Duration.ofSeconds(10);
    private static final int PER_SLICE = 400;
    private static final int FLEET = 100;

    /** How the fault phase behaves. */
    public record FaultProfile(int slowSearchesPerSlice, int failedStartsPerSlice, int chargersDown,
                               int neverRecovered, int lostTransactions, int faultSlices) {
    }

    public static Declarations declarations() {
        return SloFiles.load(SLO_FILE);
    }

    /** A run whose fault breaks search p99 and session starts a little (no guardrail fires). */
    public static RunResult completedRunWithDegradedFault() {
        return run(new FaultProfile(80, 10, 30, 0, 0, 6), new ArrayList<>());
    }

    /** A run where session starts collapse to 50 % during the fault: the floor rule aborts it. */
    public static RunResult abortedRun(List<String> callbackLog) {
        return run(new FaultProfile(0, 200, 0, 0, 0, 6), callbackLog);
    }

    public static RunResult run(FaultProfile fault, List<String> callbackLog) {
        return run(fault, callbackLog, Duration.ZERO, new ArrayList<>());
    }

    /**
     * @param ledgerReadTime how long each read of the persisted ids takes (the test clock moves on by that much)
     * @param ledgerReads where each read of the persisted ids is recorded, with the time it began
     */
    public static RunResult run(FaultProfile fault, List<String> callbackLog, Duration ledgerReadTime,
                                List<Instant> ledgerReads) {
        TestClock clock = new TestClock(T0);
        InProcessSource src = new InProcessSource(clock);
        List<String> persisted = new ArrayList<>();
        SteadyStateRun run = SteadyStateRun.builder(declarations(), "charging-platform")
                .runName("db-latency-demo").clock(clock).inProcess(src)
                .probe("db.persisted-messages", () -> {
                    ledgerReads.add(clock.instant());
                    clock.advance(ledgerReadTime);
                    return List.copyOf(persisted);
                })
                .abortPolicy("charging-platform-default")
                .onAbort(d -> callbackLog.add(d.rule()))
                .build();
        src.gauge("fleet.size").set(FLEET);
        src.gauge("fleet.accepted").set(FLEET);
        run.start();
        AtomicInteger tx = new AtomicInteger();
        for (int i = 0; i < 12; i++) {
            slice(src, clock, run, 0, 0, tx, persisted, 0);
        }
        run.endBaseline();
        run.faultStarted("db-latency");
        for (int c = 0; c < fault.chargersDown(); c++) {
            src.recoveryTracker("fleet.connection").down("cp-" + c);
        }
        src.gauge("fleet.accepted").set(FLEET - fault.chargersDown());
        for (int i = 0; i < fault.faultSlices() && run.aborts().isEmpty(); i++) {
            slice(src, clock, run, fault.slowSearchesPerSlice(), fault.failedStartsPerSlice(), tx, persisted,
                    i == 0 ? fault.lostTransactions() : 0);
        }
        run.faultEnded("db-latency");
        run.rollback("remove latency toxic db-zone-a", true, "");
        int back = 0;
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 5 && back < fault.chargersDown() - fault.neverRecovered(); k++) {
                clock.advance(Duration.ofSeconds(1));
                src.recoveryTracker("fleet.connection").up("cp-" + back++);
            }
            src.gauge("fleet.accepted").set(FLEET - fault.chargersDown() + back);
            slice(src, clock, run, 0, 0, tx, persisted, 0);
        }
        src.gauge("fleet.accepted").set(FLEET - fault.neverRecovered());
        for (int i = 0; i < 18; i++) {
            slice(src, clock, run, 0, 0, tx, persisted, 0);
        }
        return run.finish();
    }

    private static void slice(InProcessSource src, TestClock clock, SteadyStateRun run, int slowSearches,
                              int failedStarts, AtomicInteger tx, List<String> persisted, int lose) {
        for (int i = 0; i < PER_SLICE; i++) {
            src.timer("search.request").recordMillis(i < slowSearches ? 1500 : 40 + (i % 50));
            src.counter("search.requests").increment();
            src.counter("session.start.attempts").increment();
            if (i >= failedStarts) {
                src.timer("session.start").recordMillis(2000);
            }
            if (i % 20 == 0) {
                String id = "tx-" + tx.incrementAndGet();
                src.idSet("fleet.confirmed-messages").add(id);
                if (lose-- <= 0) {
                    persisted.add(id);
                }
            }
        }
        long into = Math.floorMod(clock.instant().toEpochMilli(), SLICE.toMillis());
        clock.advance(Duration.ofMillis(SLICE.toMillis() - into));
        run.tick();
    }

    private PlatformScenario() {
    }
}
