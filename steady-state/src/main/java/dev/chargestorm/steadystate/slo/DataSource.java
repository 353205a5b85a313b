package dev.chargestorm.steadystate.slo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenSLO {@code DataSource}: a named connection to a metric backend. Types known to ChargeStorm:
 * {@code harness.inprocess} and {@code Prometheus} (others are accepted but need a source registered at run time).
 */
public record DataSource(String name, String type, Map<String, String> connectionDetails) {

    public DataSource {
        Names.dnsLabel(name, "metadata.name");
        Names.notBlank(type, "spec.type");
        connectionDetails = Collections.unmodifiableMap(
                new TreeMap<>(connectionDetails == null ? Map.of() : connectionDetails));
    }
}
