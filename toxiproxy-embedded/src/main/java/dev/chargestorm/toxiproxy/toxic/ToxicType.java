package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The toxic types of Toxiproxy 2.12, with their wire attributes (all integers) in the order the real server prints
 * them, and the conversion between those attributes and typed {@link ToxicSettings}.
 */
@API(status = API.Status.EXPERIMENTAL)
public enum ToxicType {
    LATENCY("LatencyToxic", "latency", "jitter"),
    BANDWIDTH("BandwidthToxic", "rate"),
    SLOW_CLOSE("SlowCloseToxic", "delay"),
    TIMEOUT("TimeoutToxic", "timeout"),
    SLICER("SlicerToxic", "average_size", "size_variation", "delay"),
    LIMIT_DATA("LimitDataToxic", "bytes"),
    RESET_PEER("ResetToxic", "timeout"),
    NOOP("NoopToxic");

    private final String goStructName;
    private final List<String> attributeNames;

    ToxicType(String goStructName, String... attributeNames) {
        this.goStructName = goStructName;
        this.attributeNames = List.of(attributeNames);
    }

    /** Looks a type up by its wire name ({@code latency}, {@code slow_close}...), case-sensitively as the server does. */
    public static Optional<ToxicType> fromWireName(String name) {
        for (ToxicType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Go struct name the real server puts in its decoder error messages. */
    public String goStructName() {
        return goStructName;
    }

    /** The attribute keys, in wire order. */
    public List<String> attributeNames() {
        return attributeNames;
    }

    /** The Go type of an attribute, for error messages: slicer's are {@code int}, all others {@code int64}. */
    public String goAttributeType() {
        return this == SLICER ? "int" : "int64";
    }

    /** All attributes of these settings, zero-valued where unset, in wire order. */
    public static Map<String, Long> attributes(ToxicSettings settings) {
        Map<String, Long> attributes = new LinkedHashMap<>();
        switch (settings) {
            case ToxicSettings.Latency l -> {
                attributes.put("latency", l.latency().toMillis());
                attributes.put("jitter", l.jitter().toMillis());
            }
            case ToxicSettings.Bandwidth b -> attributes.put("rate", b.rate().kilobytesPerSecond());
            case ToxicSettings.SlowClose s -> attributes.put("delay", s.delay().toMillis());
            case ToxicSettings.Timeout t -> attributes.put("timeout", t.timeout().toMillis());
            case ToxicSettings.Slicer s -> {
                attributes.put("average_size", s.averageSize());
                attributes.put("size_variation", s.sizeVariation());
                attributes.put("delay", micros(s.delay()));
            }
            case ToxicSettings.LimitData l -> attributes.put("bytes", l.bytes());
            case ToxicSettings.ResetPeer r -> attributes.put("timeout", r.timeout().toMillis());
            case ToxicSettings.Noop n -> {
                // no attributes
            }
        }
        return attributes;
    }

    /**
     * Builds typed settings from wire attributes; missing keys are 0, unknown keys are ignored.
     *
     * @throws IllegalArgumentException if a value is one the real server would crash on
     */
    public ToxicSettings settings(Map<String, Long> attributes) {
        return switch (this) {
            case LATENCY -> new ToxicSettings.Latency(millis(attributes, "latency"), millis(attributes, "jitter"));
            case BANDWIDTH -> new ToxicSettings.Bandwidth(new ByteRate(value(attributes, "rate")));
            case SLOW_CLOSE -> new ToxicSettings.SlowClose(millis(attributes, "delay"));
            case TIMEOUT -> new ToxicSettings.Timeout(millis(attributes, "timeout"));
            case SLICER -> new ToxicSettings.Slicer(value(attributes, "average_size"),
                    value(attributes, "size_variation"),
                    Duration.of(value(attributes, "delay"), ChronoUnit.MICROS));
            case LIMIT_DATA -> new ToxicSettings.LimitData(value(attributes, "bytes"));
            case RESET_PEER -> new ToxicSettings.ResetPeer(millis(attributes, "timeout"));
            case NOOP -> new ToxicSettings.Noop();
        };
    }

    private static long value(Map<String, Long> attributes, String key) {
        Long value = attributes.get(key);
        return value == null ? 0 : value;
    }

    private static Duration millis(Map<String, Long> attributes, String key) {
        return Duration.ofMillis(value(attributes, key));
    }

    private static long micros(Duration duration) {
        return duration.dividedBy(ChronoUnit.MICROS.getDuration());
    }
}
