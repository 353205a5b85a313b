package dev.chargestorm.chaos.fault;

import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/** A degradation of charger links, applied through Toxiproxy toxics. */
@API(status = API.Status.EXPERIMENTAL)
public sealed interface LinkToxic {

    /** @return a short name ({@code latency}, {@code bandwidth}, ...) */
    String type();

    /** @return the settings, for the report */
    Map<String, String> parameters();

    /** Extra delay on everything the node sends to the charger. */
    static LinkToxic latency(Duration latency, Duration jitter) {
        return new Latency(latency, jitter);
    }

    /** A bandwidth cap in both directions, in KB/s (1 KB = 1000 bytes). */
    static LinkToxic bandwidth(long kilobytesPerSecond) {
        return new Bandwidth(kilobytesPerSecond);
    }

    /** Data sliced into small TCP segments with a delay between them, in both directions. */
    static LinkToxic slicer(int averageSize, int sizeVariation, Duration delay) {
        return new Slicer(averageSize, sizeVariation, delay);
    }

    /** The connection reset (TCP RST) once data arrives and {@code after} has passed. */
    static LinkToxic resetPeer(Duration after) {
        return new ResetPeer(after);
    }

    /**
     * Nothing gets through in either direction; the connection closes after {@code timeout}, or stays half-open until
     * the fault is rolled back when {@code timeout} is zero.
     */
    static LinkToxic halfOpen(Duration timeout) {
        return new HalfOpen(timeout);
    }

    /** @see LinkToxic#latency(Duration, Duration) */
    record Latency(Duration latency, Duration jitter) implements LinkToxic {
        public Latency {
            Checks.notNegative("latency", latency);
            Checks.notNegative("jitter", jitter);
        }

        @Override
        public String type() {
            return "latency";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("latency", Checks.text(latency), "jitter", Checks.text(jitter));
        }
    }

    /** @see LinkToxic#bandwidth(long) */
    record Bandwidth(long kilobytesPerSecond) implements LinkToxic {
        public Bandwidth {
            if (kilobytesPerSecond < 0) {
                throw new IllegalArgumentException("bandwidth must be 0 KB/s or more but was " + kilobytesPerSecond);
            }
        }

        @Override
        public String type() {
            return "bandwidth";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("rate", kilobytesPerSecond + "KB/s");
        }
    }

    /** @see LinkToxic#slicer(int, int, Duration) */
    record Slicer(int averageSize, int sizeVariation, Duration delay) implements LinkToxic {
        public Slicer {
            if (averageSize < 1 || sizeVariation < 0 || sizeVariation >= averageSize) {
                throw new IllegalArgumentException("slicer needs averageSize >= 1 and 0 <= sizeVariation < averageSize"
                        + " but was averageSize " + averageSize + ", sizeVariation " + sizeVariation);
            }
            Checks.notNegative("delay", delay);
        }

        @Override
        public String type() {
            return "slicer";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("averageSize", Integer.toString(averageSize), "sizeVariation",
                    Integer.toString(sizeVariation), "delay", Checks.text(delay));
        }
    }

    /** @see LinkToxic#resetPeer(Duration) */
    record ResetPeer(Duration after) implements LinkToxic {
        public ResetPeer {
            Checks.notNegative("after", after);
        }

        @Override
        public String type() {
            return "reset_peer";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("after", Checks.text(after));
        }
    }

    /** @see LinkToxic#halfOpen(Duration) */
    record HalfOpen(Duration timeout) implements LinkToxic {
        public HalfOpen {
            Checks.notNegative("timeout", timeout);
        }

        @Override
        public String type() {
            return "timeout";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("timeout", timeout.isZero() ? "never" : Checks.text(timeout));
        }
    }
}
