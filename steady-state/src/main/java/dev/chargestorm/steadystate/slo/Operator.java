package dev.chargestorm.steadystate.slo;

/** Comparison of a measured value with an objective's threshold (OpenSLO {@code op}). */
public enum Operator {
    LT("lt", "<"), LTE("lte", "<="), GT("gt", ">"), GTE("gte", ">=");

    private final String yamlName;
    private final String symbol;

    Operator(String yamlName, String symbol) {
        this.yamlName = yamlName;
        this.symbol = symbol;
    }

    public String yamlName() {
        return yamlName;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value op threshold} holds. */
    public boolean test(double value, double threshold) {
        return switch (this) {
            case LT -> value < threshold;
            case LTE -> value <= threshold;
            case GT -> value > threshold;
            case GTE -> value >= threshold;
        };
    }
}
