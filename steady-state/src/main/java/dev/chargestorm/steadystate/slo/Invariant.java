package dev.chargestorm.steadystate.slo;

import java.time.Duration;

/**
 * Harness kind {@code Invariant}: reconciliation of expected against actual ids (nothing missing, nothing duplicated).
 *
 * @param expected name of the probe (or in-process id set) giving the ids that must exist
 * @param actual name of the probe giving the ids that do exist (a duplicate id appears twice)
 * @param maxMissing allowed missing ids (0 for "zero lost transactions")
 * @param maxDuplicates allowed duplicated ids
 * @param settle time to let queues drain before the final check
 * @param continuous whether the invariant is also checked every slice (an abort rule may then act on it)
 */
public record Invariant(String name, String description, String expected, String actual, long maxMissing,
                        long maxDuplicates, Duration settle, boolean continuous) {

    public Invariant {
        Names.dnsLabel(name, "metadata.name");
        description = description == null ? "" : description;
        Names.notBlank(expected, "Invariant '" + name + "' spec.reconcile.expected");
        Names.notBlank(actual, "Invariant '" + name + "' spec.reconcile.actual");
        if (maxMissing < 0 || maxDuplicates < 0) {
            throw new IllegalArgumentException("Invariant '" + name + "' spec.assert: missing and duplicates must be >= 0");
        }
        Names.notNegative(settle, "Invariant '" + name + "' spec.settle");
    }
}
