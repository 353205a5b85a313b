package dev.chargestorm.steadystate.sli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses duration values inside a metric source's spec, such as {@code le: 200ms} or {@code le: 1s}. */
public final class SpecDurations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private SpecDurations() {
    }

    /** The value in milliseconds; a {@link SourceException} names the key and the bad value. */
    public static double millis(String text, String key) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new SourceException("spec key '" + key + "' must be a duration like 200ms or 1s but was '" + text
                    + "'");
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> v;
            case "s" -> v * 1_000;
            default -> v * 60_000;
        };
    }
}
