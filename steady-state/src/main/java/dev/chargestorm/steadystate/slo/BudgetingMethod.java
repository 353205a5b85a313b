package dev.chargestorm.steadystate.slo;

/** OpenSLO budgeting methods supported by ChargeStorm (RatioTimeslices is not part of the subset). */
public enum BudgetingMethod {
    /** Share of good events among all events. */
    OCCURRENCES("Occurrences"),
    /** Share of good slices; a slice is good when its good-event ratio reaches the time-slice target. */
    TIMESLICES("Timeslices");

    private final String yamlName;

    BudgetingMethod(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The OpenSLO spelling. */
    public String yamlName() {
        return yamlName;
    }
}
