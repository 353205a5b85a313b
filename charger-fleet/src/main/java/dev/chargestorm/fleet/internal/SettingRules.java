package dev.chargestorm.fleet.internal;

import java.time.Duration;

/**
 * The rules a setting's value must follow, checked where the setting is built (a record's compact constructor). A
 * broken rule throws an {@link IllegalArgumentException} that names the setting, the rule and the value, such as
 * {@code chargers must be at least 1 but was 0}.
 */
public final class SettingRules {

    private SettingRules() {
    }

    /** @throws IllegalArgumentException if {@code value} is below {@code minimum} */
    public static void atLeast(String setting, long value, long minimum) {
        if (value < minimum) {
            throw broken(setting, "be at least " + minimum, value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is below {@code minimum} */
    public static void atLeast(String setting, double value, double minimum) {
        if (value < minimum) {
            throw broken(setting, "be at least " + minimum, value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is zero or negative */
    public static void positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw broken(setting, "be positive", value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is negative */
    public static void notNegative(String setting, Duration value) {
        if (value.isNegative()) {
            throw broken(setting, "not be negative", value);
        }
    }

    private static IllegalArgumentException broken(String setting, String rule, Object value) {
        return new IllegalArgumentException(setting + " must " + rule + " but was " + value);
    }
}
