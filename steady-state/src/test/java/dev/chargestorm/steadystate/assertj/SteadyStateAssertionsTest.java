package dev.chargestorm.steadystate.assertj;

import static dev.chargestorm.steadystate.assertj.SteadyStateAssertions.assertThat;
import static dev.chargestorm.steadystate.slo.Phase.BASELINE;
import static dev.chargestorm.steadystate.slo.Phase.FAULT;
import static dev.chargestorm.steadystate.slo.Phase.RECOVERY;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;

import dev.chargestorm.steadystate.run.RunResult;
import dev.chargestorm.steadystate.run.RunStatus;
import dev.chargestorm.steadystate.testsupport.PlatformScenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SteadyStateAssertionsTest {

    private static RunResult degraded;
    private static RunResult aborted;

    @BeforeAll
    static void runScenarios() {
        degraded = PlatformScenario.completedRunWithDegradedFault();
        aborted = PlatformScenario.abortedRun(new ArrayList<>());
    }

    @Test
    void passing_objectives_pass_in_their_phases() {
        assertThat(degraded).completed()
                .objective("search-latency").inPhase(BASELINE).passed();
        assertThat(degraded).objective("search-latency").inPhase(RECOVERY).passed();
        assertThat(degraded).objective("search-latency/p99 < 1 s").inPhase(FAULT).failed();
        assertThat(aborted).wasAbortedBy("floor").hasStatus(RunStatus.ABORTED);
    }

    @Test
    void failure_message_shows_measured_numbers_against_the_objective() {
        assertThatThrownBy(() -> assertThat(degraded).objective("search-latency/p99 < 1 s").inPhase(FAULT).passed())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expecting objective [search-latency/p99 < 1 s] in phase [FAULT] to be PASS (>= 99.00 % good \
                        events) but was FAIL:
                          80.00 % of 2400 events good (95 % Wilson [78.35 %, 81.55 %]); objective >= 99.00 %
                          (run [db-latency-demo] COMPLETED, faults [db-latency])""");
    }

    @Test
    void without_a_phase_every_bound_phase_must_have_the_verdict() {
        assertThat(degraded).objective("search-errors").passed();
        assertThatThrownBy(() -> assertThat(degraded).objective("session-start-success").passed())
                .hasMessageStartingWith("Expecting objective [session-start-success/>= 99.9 % within 30 s] in phase"
                        + " [FAULT] to be PASS (>= 99.90 % good events) but was FAIL:\n  97.50 % of 2400 events good");
    }

    @Test
    void objective_not_bound_to_the_phase_says_where_it_is_bound() {
        assertThatThrownBy(() -> assertThat(degraded).objective("search-errors").inPhase(FAULT).passed())
                .hasMessage("Expecting objective [search-errors] to be judged in phase [FAULT] but it is bound only to"
                        + " [BASELINE, RECOVERY]");
    }

    @Test
    void unknown_objective_lists_the_known_ones() {
        assertThatThrownBy(() -> assertThat(degraded).objective("checkout"))
                .hasMessage("""
                        Expecting run [db-latency-demo] to have an objective matching [checkout] but its objectives are:
                          [search-latency/p90 < 200 ms, search-latency/p99 < 1 s, search-errors/errors < 0.1 %, \
                        session-start-success/>= 99.9 % within 30 s, fleet-availability/>= 99 % connected]""");
    }

    @Test
    void status_and_abort_messages_give_the_reason() {
        assertThatThrownBy(() -> assertThat(aborted).completed())
                .hasMessageStartingWith("Expecting run [db-latency-demo] to have status [COMPLETED] but was [ABORTED]:\n"
                        + "  abort rule 'floor' (hard-floor) fired at 2026-01-15T10:02:30Z");
        assertThatThrownBy(() -> assertThat(degraded).wasAbortedBy("floor"))
                .hasMessage("Expecting run [db-latency-demo] to be aborted by rule [floor] but no abort rule fired"
                        + " (status COMPLETED)");
    }

    @Test
    void held_steady_state_lists_every_failed_check() {
        assertThatThrownBy(() -> assertThat(degraded).heldSteadyState())
                .hasMessage("""
                        Expecting run [db-latency-demo] to hold its steady state but 2 checks failed:
                          search-latency/p99 < 1 s in FAULT: 80.00 % of 2400 events good (95 % Wilson [78.35 %, \
                        81.55 %]); objective >= 99.00 %
                          session-start-success/>= 99.9 % within 30 s in FAULT: 97.50 % of 2400 events good (95 % \
                        Wilson [96.80 %, 98.05 %]); objective >= 99.90 %""");
    }
}
