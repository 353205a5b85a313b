package dev.chargestorm.steadystate.slo;

import java.time.Duration;
import java.util.regex.Pattern;

/** Shared argument checks for the model records. */
final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private Names() {
    }

    static String dnsLabel(String value, String what) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + what + "' must be an RFC 1123 DNS label (lower-case letters,"
                    + " digits and '-', at most 63 characters) but was [" + value + "]");
        }
        return value;
    }

    static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + what + "' must not be blank but was [" + value + "]");
        }
        return value;
    }

    static Duration positive(Duration value, String what) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("'" + what + "' must be a positive duration but was [" + value + "]");
        }
        return value;
    }

    static Duration notNegative(Duration value, String what) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("'" + what + "' must be zero or positive but was [" + value + "]");
        }
        return value;
    }

    static double fraction(double value, String what, boolean allowOne) {
        if (Double.isNaN(value) || value < 0 || (allowOne ? value > 1 : value >= 1)) {
            throw new IllegalArgumentException("'" + what + "' must be in [0, 1" + (allowOne ? "]" : ")")
                    + " but was [" + value + "]");
        }
        return value;
    }
}
