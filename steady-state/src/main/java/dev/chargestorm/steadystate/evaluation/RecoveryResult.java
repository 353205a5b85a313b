package dev.chargestorm.steadystate.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The verdict of a recovery objective.
 *
 * @param anchor the instant recovery time is measured from, or {@code null} when there was no disruption
 * @param affected entities that went down during the disruption
 * @param recoverySeconds recovery time of every recovered entity, sorted (the CDF in the report)
 * @param slowest up to 10 entities, never-recovered first, then the slowest
 * @param measured share of affected entities back within the limit
 */
public record RecoveryResult(String name, String population, Duration within, double target, Instant anchor,
                             int affected, int recoveredWithin, int neverRecovered, List<Double> recoverySeconds,
                             List<String> slowest, double measured, Verdict verdict, String explanation) {

    public RecoveryResult {
        recoverySeconds = List.copyOf(recoverySeconds);
        slowest = List.copyOf(slowest);
    }
}
