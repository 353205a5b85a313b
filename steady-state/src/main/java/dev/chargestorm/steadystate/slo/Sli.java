package dev.chargestorm.steadystate.slo;

/** OpenSLO {@code SLI}: a named indicator. */
public record Sli(String name, SliSpec spec) {

    public Sli {
        Names.dnsLabel(name, "metadata.name");
        if (spec == null) {
            throw new IllegalArgumentException("SLI '" + name + "' needs a ratioMetric or a thresholdMetric");
        }
    }
}
