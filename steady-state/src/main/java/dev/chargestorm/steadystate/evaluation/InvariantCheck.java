package dev.chargestorm.steadystate.evaluation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chargestorm.steadystate.slo.Invariant;

/**
 * The reconciliation of expected against actual ids at one moment.
 *
 * @param missingSample up to 20 missing ids, sorted
 * @param duplicateSample up to 20 duplicated ids, sorted
 * @param error why a probe failed, or {@code null}
 */
public record InvariantCheck(String name, Instant at, long expected, long actual, long missing, long duplicates,
                             List<String> missingSample, List<String> duplicateSample, long maxMissing,
                             long maxDuplicates, String error, Verdict verdict) {

    private static final int SAMPLE = 20;

    public InvariantCheck {
        missingSample = List.copyOf(missingSample);
        duplicateSample = List.copyOf(duplicateSample);
    }

    /** Reconciles ids: an expected id absent from actual is missing; an id seen twice in actual is duplicated. */
    public static InvariantCheck reconcile(Invariant invariant, Instant at, Collection<String> expectedIds,
                                           Collection<String> actualIds) {
        Map<String, Integer> seen = new HashMap<>();
        for (String id : actualIds) {
            seen.merge(id, 1, Integer::sum);
        }
        Set<String> expected = new HashSet<>(expectedIds);
        List<String> missing = expected.stream().filter(id -> !seen.containsKey(id)).sorted().toList();
        List<String> duplicates = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        boolean ok = missing.size() <= invariant.maxMissing() && duplicates.size() <= invariant.maxDuplicates();
        return new InvariantCheck(invariant.name(), at, expected.size(), actualIds.size(), missing.size(),
                duplicates.size(), missing.subList(0, Math.min(SAMPLE, missing.size())),
                duplicates.subList(0, Math.min(SAMPLE, duplicates.size())), invariant.maxMissing(),
                invariant.maxDuplicates(), null, ok ? Verdict.PASS : Verdict.FAIL);
    }

    /** A check whose probe failed. */
    public static InvariantCheck failed(Invariant invariant, Instant at, String error) {
        return new InvariantCheck(invariant.name(), at, 0, 0, 0, 0, List.of(), List.of(), invariant.maxMissing(),
                invariant.maxDuplicates(), error, Verdict.NO_DATA);
    }

    public boolean breached() {
        return verdict == Verdict.FAIL;
    }

    /** One sentence with the numbers. */
    public String explanation() {
        if (error != null) {
            return "invariant " + name + " could not be checked: " + error;
        }
        return "invariant " + name + ": " + expected + " expected, " + actual + " actual, " + missing + " missing"
                + (missingSample.isEmpty() ? "" : " (e.g. " + String.join(", ", missingSample) + ")") + ", "
                + duplicates + " duplicated" + (duplicateSample.isEmpty() ? "" : " (e.g. "
                + String.join(", ", duplicateSample) + ")") + "; allowed " + maxMissing + " missing, " + maxDuplicates
                + " duplicated";
    }
}
