package dev.chargestorm.steadystate.slo;

import java.util.Locale;

/**
 * Phases of an experiment run. {@link #SETTLE} is the harness-internal gap between the end of the last fault and
 * the start of the recovery phase; objectives cannot be bound to it.
 */
public enum Phase {
    BASELINE, FAULT, SETTLE, RECOVERY;

    /** The lower-case name used in YAML ({@code baseline}, {@code fault}, {@code recovery}). */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
