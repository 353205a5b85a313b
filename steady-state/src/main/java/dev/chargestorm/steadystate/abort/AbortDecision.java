package dev.chargestorm.steadystate.abort;

import java.time.Instant;

/**
 * A guardrail fired: the blast radius is larger than agreed.
 *
 * @param rule the rule's name in the policy
 * @param kind invariant-breach, burn-rate, budget-cap, hard-floor or no-data
 * @param evidence the numbers that made it fire
 */
public record AbortDecision(String rule, String kind, Instant at, String evidence) {

    @Override
    public String toString() {
        return "abort rule '" + rule + "' (" + kind + ") fired at " + at + ": " + evidence;
    }
}
