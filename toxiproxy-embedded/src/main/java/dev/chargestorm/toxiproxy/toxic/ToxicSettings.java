package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import java.time.Duration;

/**
 * The typed settings of a toxic, one record per Toxiproxy toxic type. Durations and sizes are typed here; the
 * integer milliseconds / microseconds / bytes of the wire format live only in {@link ToxicType#attributes} and
 * {@link ToxicType#settings}. The compact constructors reject the values on which the real server crashes.
 */
@API(status = API.Status.EXPERIMENTAL)
public sealed interface ToxicSettings {

    ToxicType type();

    /** Delays every chunk by {@code latency} plus a uniform {@code [-jitter, +jitter)}. */
    record Latency(Duration latency, Duration jitter) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.LATENCY;
        }
    }

    /** Limits the rate; a rate of 0 holds all data without closing the connection. */
    record Bandwidth(ByteRate rate) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.BANDWIDTH;
        }
    }

    /** Delays the close (EOF) by {@code delay}; data passes untouched. */
    record SlowClose(Duration delay) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.SLOW_CLOSE;
        }
    }

    /** Drops all data; closes the connection after {@code timeout} without data (zero: never). */
    record Timeout(Duration timeout) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.TIMEOUT;
        }
    }

    /** Splits chunks into pieces of about {@code averageSize} bytes with {@code delay} after each piece. */
    record Slicer(long averageSize, long sizeVariation, Duration delay) implements ToxicSettings {
        public Slicer {
            if (averageSize < 1) {
                throw new IllegalArgumentException("average_size must be at least 1 byte, but was " + averageSize
                        + " (the real Toxiproxy recurses forever on 0)");
            }
            if (sizeVariation < 0 || sizeVariation >= averageSize) {
                throw new IllegalArgumentException("size_variation must be from 0 to average_size - 1 ("
                        + (averageSize - 1) + "), but was " + sizeVariation + " (the real Toxiproxy panics on that)");
            }
        }

        @Override
        public ToxicType type() {
            return ToxicType.SLICER;
        }
    }

    /** Lets {@code bytes} bytes through on each connection, then closes it. */
    record LimitData(long bytes) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.LIMIT_DATA;
        }
    }

    /** On the first data or EOF, waits {@code timeout} then resets the connection (RST). */
    record ResetPeer(Duration timeout) implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.RESET_PEER;
        }
    }

    /** Passes data through. */
    record Noop() implements ToxicSettings {
        @Override
        public ToxicType type() {
            return ToxicType.NOOP;
        }
    }
}
