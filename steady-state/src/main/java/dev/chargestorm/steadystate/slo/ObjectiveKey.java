package dev.chargestorm.steadystate.slo;

/** Identifies one objective: {@code slo/objective}, e.g. {@code search-latency/p99 < 1 s}. */
public record ObjectiveKey(String slo, String objective) {

    public ObjectiveKey {
        Names.notBlank(slo, "slo");
        Names.notBlank(objective, "objective");
    }

    /** Whether a reference ({@code slo} or {@code slo/objective}) selects this objective. */
    public boolean matches(String ref) {
        int slash = ref.indexOf('/');
        return slash < 0 ? slo.equals(ref) : slo.equals(ref.substring(0, slash)) && objective.equals(ref.substring(slash + 1));
    }

    @Override
    public String toString() {
        return slo + "/" + objective;
    }
}
