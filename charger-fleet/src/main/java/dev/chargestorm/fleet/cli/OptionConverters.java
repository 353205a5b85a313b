package dev.chargestorm.fleet.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import dev.chargestorm.fleet.persona.Personas;
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the fleet command's option values. Picocli reports a value that does not convert as
 * {@code Invalid value for option '--ramp': <what was expected> but was '<value>'}, with exit code 2.
 */
final class OptionConverters {

    private OptionConverters() {
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return converted(() -> Personas.parseDuration(value));
        }
    }

    /** A duration, or {@code 0} for none. */
    static final class DurationOrZeroConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return "0".equals(value.trim()) ? Duration.ZERO : converted(() -> Personas.parseDuration(value));
        }
    }

    /** A redial strategy, such as {@code backoff-jitter:1s/60s}. */
    static final class RedialConverter implements ITypeConverter<ReconnectStrategy> {
        @Override
        public ReconnectStrategy convert(String value) {
            return converted(() -> Personas.parseRedial(value));
        }
    }

    /** Connection starts per second, such as {@code 1000/s} or {@code 1000}; {@code 0} starts all at once. */
    static final class RampConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String rate = value.trim().toLowerCase(Locale.ROOT);
            if (rate.endsWith("/s")) {
                rate = rate.substring(0, rate.length() - 2);
            }
            try {
                double perSecond = Double.parseDouble(rate);
                if (perSecond >= 0) {
                    return perSecond;
                }
            } catch (NumberFormatException ex) {
                // explained below
            }
            throw new TypeConversionException("expected connects per second such as 1000/s (0: all at once) but was '"
                    + value + "'");
        }
    }

    /** The shortest and longest time a charger takes to answer a central-system CALL. */
    record AnswerLatency(Duration min, Duration max) {
    }

    /** {@code MIN-MAX}, such as {@code 50ms-500ms}. */
    static final class AnswerLatencyConverter implements ITypeConverter<AnswerLatency> {
        @Override
        public AnswerLatency convert(String value) {
            String[] bounds = value.split("-");
            if (bounds.length != 2) {
                throw new TypeConversionException("expected MIN-MAX such as 50ms-500ms but was '" + value + "'");
            }
            return converted(() -> new AnswerLatency(Personas.parseDuration(bounds[0]),
                    Personas.parseDuration(bounds[1])));
        }
    }

    private static <T> T converted(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException ex) {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
