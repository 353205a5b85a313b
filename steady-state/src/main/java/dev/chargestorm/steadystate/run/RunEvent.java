package dev.chargestorm.steadystate.run;

import java.time.Instant;

/**
 * One entry of the run's event log.
 *
 * @param type one of run-started, phase-started, baseline-gate, fault-injected, fault-reverted, abort, abort-callback,
 *             rollback, interrupted, errored, source-error, run-finished
 */
public record RunEvent(Instant at, String type, String detail) {
}
