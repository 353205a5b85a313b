package dev.chargestorm.steadystate.run;

import java.time.Instant;

/** One rollback step the experiment ran, and how it went. */
public record RollbackStep(Instant at, String step, boolean succeeded, String detail) {
}
