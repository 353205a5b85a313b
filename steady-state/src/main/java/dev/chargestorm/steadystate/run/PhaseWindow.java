package dev.chargestorm.steadystate.run;

import java.time.Instant;

import dev.chargestorm.steadystate.slo.Phase;

/** When a phase ran. */
public record PhaseWindow(Phase phase, Instant start, Instant end) {
}
