package dev.chargestorm.chaos.fault;

import java.time.Duration;

/** Argument checks with messages that say what was expected. */
final class Checks {

    private Checks() {
    }

    static Duration notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive but was " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    static double share(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a share between 0.0 and 1.0 but was " + value);
        }
        return value;
    }

    /** @return {@code 200ms}, {@code 1500ms}, {@code 30s}: whole seconds in seconds, else milliseconds */
    static String text(Duration value) {
        long millis = value.toMillis();
        return millis == 0 || millis % 1000 != 0 ? millis + "ms" : (millis / 1000) + "s";
    }

    /** @return whole milliseconds for Toxiproxy's JSON, refusing what does not fit */
    static long millis(String name, Duration value) {
        if (value.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " must be whole milliseconds (Toxiproxy's unit) but was "
                    + value);
        }
        return value.toMillis();
    }
}
