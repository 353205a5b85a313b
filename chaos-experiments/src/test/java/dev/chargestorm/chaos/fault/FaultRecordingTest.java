package dev.chargestorm.chaos.fault;

import static dev.chargestorm.steadystate.dsl.SloDsl.counter;
import static dev.chargestorm.steadystate.dsl.SloDsl.declarations;
import static dev.chargestorm.steadystate.dsl.SloDsl.inProcessDataSource;
import static dev.chargestorm.steadystate.dsl.SloDsl.objective;
import static dev.chargestorm.steadystate.dsl.SloDsl.sli;
import static dev.chargestorm.steadystate.dsl.SloDsl.slo;
import static dev.chargestorm.steadystate.dsl.SloDsl.steadyState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.chargestorm.steadystate.run.FaultWindow;
import dev.chargestorm.steadystate.run.RollbackStep;
import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault records as the steady-state run and the report see them. */
class FaultRecordingTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void theSteadyStateListenerMarksFaultWindowsAndRollbacksInTheRun() {
        // GIVEN a run whose baseline holds
        MovableClock clock = new MovableClock(T0);
        InProcessSource recorders = new InProcessSource(clock);
        SteadyStateRun run = SteadyStateRun.builder(tinyDeclarations(), "tiny").clock(clock).inProcess(recorders)
                .build();
        run.start();
        recorders.counter("t").add(10);
        recorders.counter("g").add(9);
        clock.advance(Duration.ofSeconds(10));
        run.tick();
        FaultListener listener = FaultListener.steadyState(run);

        // WHEN
        FaultRecord injected = new FaultRecord("db-latency-1", FaultKind.DB_LATENCY, "zone a [db-csms-a]",
                Map.of("latency", "200ms"), clock.instant(), null, null);
        listener.injected(injected);
        clock.advance(Duration.ofSeconds(5));
        listener.reverted(new FaultRecord(injected.name(), injected.kind(), injected.target(), injected.parameters(),
                injected.start(), clock.instant(), null));
        RunResult result = run.finish();

        // THEN
        assertThat(result.faults()).containsExactly(new FaultWindow("db-latency-1", T0.plusSeconds(10),
                T0.plusSeconds(15)));
        assertThat(result.rollbacks()).extracting(RollbackStep::step, RollbackStep::succeeded, RollbackStep::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-latency-1", true, "zone a [db-csms-a]"));
    }

    @Test
    void theSteadyStateListenerRefusesFaultsBeforeTheRunStarted() {
        MovableClock clock = new MovableClock(T0);
        SteadyStateRun run = SteadyStateRun.builder(tinyDeclarations(), "tiny").clock(clock)
                .inProcess(new InProcessSource(clock)).build();

        assertThatIllegalStateException().isThrownBy(() -> FaultListener.steadyState(run).injected(
                new FaultRecord("node-crash-1", FaultKind.NODE_CRASH, "node csms-a", Map.of(), T0, null, null)));
    }

    @Test
    void theJournalFileHoldsEveryFaultWithItsTimes(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(FaultJournal.FILE_NAME);

        FaultJournal.write(List.of(
                new FaultRecord("zone-partition-1", FaultKind.ZONE_PARTITION, "zone a [charger-csms-a]",
                        Map.of("side", "FROM_CHARGERS"), T0, T0.plusSeconds(30), null),
                new FaultRecord("db-outage-1", FaultKind.DB_OUTAGE, "all zones [db-csms-a]", Map.of("mode", "REFUSED"),
                        T0.plusSeconds(40), null, null)), file);

        assertThat(Files.readString(file)).contains("\"name\" : \"zone-partition-1\"")
                .contains("\"kind\" : \"zone-partition\"")
                .contains("\"start\" : \"2026-12-02T10:00:00Z\"")
                .contains("\"end\" : \"2026-12-02T10:00:30Z\"")
                .contains("\"side\" : \"FROM_CHARGERS\"")
                .contains("\"end\" : null");
    }

    static Declarations tinyDeclarations() {
        return declarations().dataSource(inProcessDataSource("d"))
                .slo(slo("s").service("svc").objective(objective("o").indicator(sli("x").goodOver(counter("d", "g"),
                        counter("d", "t"))).target(0.5)).build())
                .steadyState(steadyState("tiny").objective("s", Phase.BASELINE, Phase.FAULT).build())
                .build();
    }

    /** A clock the test moves. */
    static final class MovableClock implements InstantSource {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
