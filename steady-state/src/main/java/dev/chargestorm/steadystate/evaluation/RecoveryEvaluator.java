package dev.chargestorm.steadystate.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.chargestorm.steadystate.sli.RecoveryTracker.Transition;
import dev.chargestorm.steadystate.slo.RecoveryObjective;

/**
 * Judges a recovery objective from entity transitions. Affected entities went down between the disruption's start
 * and end. With anchor {@code disruptionEnd}, an entity up at the end has recovery time 0, else the time to its next
 * up; with {@code disruptionStart}, recovery time is from the start to the first up after its first down. An entity
 * that never came back counts as not recovered.
 */
public final class RecoveryEvaluator {

    private RecoveryEvaluator() {
    }

    public static RecoveryResult evaluate(RecoveryObjective objective, Map<String, List<Transition>> transitions,
                                          Instant disruptionStart, Instant disruptionEnd) {
        if (disruptionStart == null || disruptionEnd == null) {
            return new RecoveryResult(objective.name(), objective.population(), objective.within(), objective.target(),
                    null, 0, 0, 0, List.of(), List.of(), Double.NaN, Verdict.NO_DATA, "no disruption happened");
        }
        Instant anchor = objective.anchor() == RecoveryObjective.Anchor.DISRUPTION_END ? disruptionEnd : disruptionStart;
        record Entity(String id, Duration recovery) {
        }
        List<Entity> affected = new ArrayList<>();
        for (Map.Entry<String, List<Transition>> e : transitions.entrySet()) {
            List<Transition> ts = e.getValue();
            Transition firstDown = ts.stream().filter(t -> !t.up() && !t.at().isBefore(disruptionStart)
                    && !t.at().isAfter(disruptionEnd)).findFirst().orElse(null);
            if (firstDown == null) {
                continue;
            }
            Instant back;
            if (objective.anchor() == RecoveryObjective.Anchor.DISRUPTION_END) {
                Transition atAnchor = ts.stream().filter(t -> !t.at().isAfter(anchor)).reduce((a, b) -> b).orElseThrow();
                back = atAnchor.up() ? anchor : ts.stream().filter(t -> t.up() && t.at().isAfter(anchor))
                        .map(Transition::at).findFirst().orElse(null);
            } else {
                back = ts.stream().filter(t -> t.up() && !t.at().isBefore(firstDown.at())).map(Transition::at)
                        .findFirst().orElse(null);
            }
            affected.add(new Entity(e.getKey(), back == null ? null
                    : Duration.between(anchor, back).isNegative() ? Duration.ZERO : Duration.between(anchor, back)));
        }
        int never = (int) affected.stream().filter(a -> a.recovery() == null).count();
        int within = (int) affected.stream().filter(a -> a.recovery() != null
                && a.recovery().compareTo(objective.within()) <= 0).count();
        List<Double> seconds = affected.stream().filter(a -> a.recovery() != null)
                .map(a -> a.recovery().toNanos() / 1e9).sorted().toList();
        List<String> slowest = affected.stream().sorted(Comparator.comparing((Entity a) -> a.recovery() == null ? 0 : 1)
                        .thenComparing(a -> a.recovery() == null ? Duration.ZERO : a.recovery(), Comparator.reverseOrder()))
                .limit(10).map(a -> a.id() + " (" + (a.recovery() == null ? "never" : a.recovery().toMillis() / 1000.0
                        + " s") + ")").toList();
        if (affected.isEmpty()) {
            return new RecoveryResult(objective.name(), objective.population(), objective.within(), objective.target(),
                    anchor, 0, 0, 0, List.of(), List.of(), Double.NaN, Verdict.NO_DATA,
                    "no entity of " + objective.population() + " went down during the disruption");
        }
        double measured = (double) within / affected.size();
        Verdict verdict = measured >= objective.target() ? Verdict.PASS : Verdict.FAIL;
        String text = within + " of " + affected.size() + " affected entities (" + ObjectiveEvaluator.pct(measured)
                + ") back within " + objective.within().toSeconds() + " s, " + never
                + " never recovered; objective >= " + ObjectiveEvaluator.pct(objective.target());
        return new RecoveryResult(objective.name(), objective.population(), objective.within(), objective.target(),
                anchor, affected.size(), within, never, seconds, slowest, measured, verdict, text);
    }
}
