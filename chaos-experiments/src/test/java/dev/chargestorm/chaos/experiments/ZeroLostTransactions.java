package dev.chargestorm.chaos.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.run.RunResult;

/**
 * The platform's invariant {@code zero-lost-transactions} in an experiment's result: every transaction message a
 * charger got a CALLRESULT for ({@code fleet.confirmed-messages}) is in the database exactly once
 * ({@code db.persisted-messages}, the {@code TransactionLedger}), at the end and at every check during the fault and
 * after it.
 */
final class ZeroLostTransactions {

    static final String INVARIANT = "zero-lost-transactions";

    private ZeroLostTransactions() {
    }

    /**
     * Asserts that the invariant held at the end and was never breached during the run, over at least
     * {@code atLeast} acknowledged messages (so that it met real traffic).
     *
     * @return the final check, for its numbers
     */
    static InvariantCheck heldOver(RunResult result, long atLeast) {
        InvariantCheck check = result.invariants().stream().filter(i -> i.name().equals(INVARIANT)).findFirst()
                .orElseThrow(() -> new AssertionError("run " + result.runName() + " has no final check of "
                        + INVARIANT + "; bind it in the steady state (invariants: [" + INVARIANT + "])"));
        assertThat(check.error()).as("the ledger probe's error").isNull();
        assertThat(check.missing()).as("acknowledged transaction messages missing from the database, e.g. %s",
                check.missingSample()).isZero();
        assertThat(check.duplicates()).as("transaction messages stored more than once, e.g. %s",
                check.duplicateSample()).isZero();
        assertThat(check.verdict()).as(check.explanation()).isEqualTo(Verdict.PASS);
        assertThat(check.expected()).as("transaction messages the fleet saw acknowledged").isGreaterThanOrEqualTo(atLeast);
        assertThat(check.actual()).as("transaction message rows in the database").isGreaterThanOrEqualTo(check.expected());
        assertThat(result.invariantChecksDuringRun()).as("checks of %s breached during the run", INVARIANT).isEmpty();
        return check;
    }
}
