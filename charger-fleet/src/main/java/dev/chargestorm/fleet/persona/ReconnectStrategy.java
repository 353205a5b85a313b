package dev.chargestorm.fleet.persona;

import java.time.Duration;
import java.util.SplittableRandom;

import dev.chargestorm.fleet.internal.SettingRules;

/**
 * How long a charger waits before its next connection attempt. Attempt 0 is the first redial after a close or a
 * failure; the count goes back to 0 once the charger is online (connected and Accepted) again. Every strategy redials
 * after any close, clean or not, and after every handshake failure.
 */
public sealed interface ReconnectStrategy {

    /**
     * The wait before redial number {@code attempt} (0-based).
     *
     * @param random the charger's own seeded random source
     */
    Duration delay(int attempt, SplittableRandom random);

    /** The persona-string form, e.g. {@code fixed:30s}. */
    String describe();

    /** Redials at once: naive firmware, the worst case for a reconnect storm. */
    record Immediate() implements ReconnectStrategy {
        @Override
        public Duration delay(int attempt, SplittableRandom random) {
            return Duration.ZERO;
        }

        @Override
        public String describe() {
            return "immediate";
        }
    }

    /** Always the same wait (the SAP simulator's default is 30 s; naive firmware uses 1 s). */
    record Fixed(Duration delay) implements ReconnectStrategy {
        public Fixed {
            SettingRules.notNegative("fixed delay", delay);
        }

        @Override
        public Duration delay(int attempt, SplittableRandom random) {
            return delay;
        }

        @Override
        public String describe() {
            return "fixed:" + Personas.format(delay);
        }
    }

    /** {@code base * 2^attempt}, capped, without randomness: every charger that failed together retries together. */
    record Exponential(Duration base, Duration cap) implements ReconnectStrategy {
        public Exponential {
            SettingRules.positive("exponential base", base);
            SettingRules.positive("exponential cap", cap);
        }

        @Override
        public Duration delay(int attempt, SplittableRandom random) {
            return ceiling(base, attempt, cap);
        }

        @Override
        public String describe() {
            return "exponential:" + Personas.format(base) + "/" + Personas.format(cap);
        }
    }

    /** AWS "full jitter": uniform in {@code [0, min(cap, base * 2^attempt))}. */
    record FullJitter(Duration base, Duration cap) implements ReconnectStrategy {
        public FullJitter {
            SettingRules.positive("backoff-jitter base", base);
            SettingRules.positive("backoff-jitter cap", cap);
        }

        @Override
        public Duration delay(int attempt, SplittableRandom random) {
            long window = ceiling(base, attempt, cap).toMillis();
            return Duration.ofMillis(random.nextLong(Math.max(1, window)));
        }

        @Override
        public String describe() {
            return "backoff-jitter:" + Personas.format(base) + "/" + Personas.format(cap);
        }
    }

    /**
     * OCPP 2.0.1 Part 4 section 5.3: the first redial after {@code RetryBackOffWaitMinimum +
     * rand(0..RetryBackOffRandomRange)}; each further failure doubles the wait, up to {@code RetryBackOffRepeatTimes}
     * doublings, with fresh randomness each time; then the wait stays there.
     */
    record RetryBackOff(Duration waitMinimum, Duration randomRange, int repeatTimes) implements ReconnectStrategy {
        public RetryBackOff {
            SettingRules.notNegative("RetryBackOffWaitMinimum", waitMinimum);
            SettingRules.notNegative("RetryBackOffRandomRange", randomRange);
            SettingRules.atLeast("RetryBackOffRepeatTimes", repeatTimes, 0);
        }

        @Override
        public Duration delay(int attempt, SplittableRandom random) {
            long doubled = waitMinimum.toMillis() << Math.min(attempt, Math.min(repeatTimes, 30));
            long jitter = randomRange.isZero() ? 0 : random.nextLong(randomRange.toMillis() + 1);
            return Duration.ofMillis(doubled + jitter);
        }

        @Override
        public String describe() {
            return "retry-backoff:" + Personas.format(waitMinimum) + "/" + Personas.format(randomRange) + "/"
                    + repeatTimes;
        }
    }

    private static Duration ceiling(Duration base, int attempt, Duration cap) {
        long millis = base.toMillis() << Math.min(attempt, 30);
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }
}
