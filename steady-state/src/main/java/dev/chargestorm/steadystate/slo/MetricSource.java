package dev.chargestorm.steadystate.slo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an SLI reads its numbers (OpenSLO {@code metricSource}). {@code spec} is backend-specific; nested YAML maps
 * are flattened to dotted keys ({@code tags: {route: /search}} becomes {@code tags.route}). Well-known keys of the
 * built-in sources: {@code timer}, {@code counter}, {@code gauge}, {@code le} (in-process) and {@code metric},
 * {@code labels.*}, {@code le} (Prometheus).
 *
 * @param sourceRef name of a {@link DataSource}, or {@code null} when {@code type} is given inline
 * @param type inline source type, or {@code null} when {@code sourceRef} is given
 * @param spec backend-specific query, flattened
 */
public record MetricSource(String sourceRef, String type, Map<String, String> spec) {

    public MetricSource {
        if ((sourceRef == null) == (type == null)) {
            throw new IllegalArgumentException(
                    "metricSource needs exactly one of 'metricSourceRef' or 'type' but had sourceRef [" + sourceRef
                            + "] and type [" + type + "]");
        }
        spec = Collections.unmodifiableMap(new TreeMap<>(spec == null ? Map.of() : spec));
    }

    /** A source that refers to a declared {@link DataSource}. */
    public static MetricSource ref(String dataSource) {
        return new MetricSource(dataSource, null, Map.of());
    }

    /** A copy with one more spec entry. */
    public MetricSource with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(spec);
        copy.put(key, value);
        return new MetricSource(sourceRef, type, copy);
    }

    /** The name used to find the SLI source at run time: the data source name or the inline type. */
    public String sourceKey() {
        return sourceRef != null ? sourceRef : type;
    }
}
