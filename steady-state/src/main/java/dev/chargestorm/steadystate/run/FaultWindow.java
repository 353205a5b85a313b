package dev.chargestorm.steadystate.run;

import java.time.Instant;

/** When a fault was active; {@code end} is {@code null} if it was never reverted. */
public record FaultWindow(String name, Instant start, Instant end) {
}
