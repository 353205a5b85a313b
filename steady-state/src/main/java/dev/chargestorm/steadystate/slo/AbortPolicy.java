package dev.chargestorm.steadystate.slo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Harness kind {@code AbortPolicy}: guardrails checked live once the first fault is injected. Any rule firing aborts
 * the run: injections stop, rollbacks run, measuring continues.
 *
 * @param evaluateEvery informative: rules are evaluated at every slice boundary
 */
public record AbortPolicy(String name, Duration evaluateEvery, List<AbortRule> rules) {

    public AbortPolicy {
        Names.dnsLabel(name, "metadata.name");
        Names.positive(evaluateEvery, "AbortPolicy '" + name + "' spec.evaluateEvery");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("AbortPolicy '" + name + "' needs at least one rule");
        }
        Set<String> seen = new HashSet<>();
        for (AbortRule rule : rules) {
            if (!seen.add(rule.name())) {
                throw new IllegalArgumentException("AbortPolicy '" + name + "' has two rules named '" + rule.name() + "'");
            }
        }
    }
}
