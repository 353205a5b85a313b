package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;

/**
 * A transfer rate in kilobytes per second, where a kilobyte is 1000 bytes, as Toxiproxy's bandwidth toxic counts it.
 * So the rate is also the number of bytes per millisecond. Zero means "hold everything" (Toxiproxy's rate-0 blackhole).
 */
@API(status = API.Status.EXPERIMENTAL)
public record ByteRate(long kilobytesPerSecond) {

    public ByteRate {
        if (kilobytesPerSecond < 0) {
            throw new IllegalArgumentException(
                    "rate must not be negative (KB/s; 0 holds all data until the toxic is removed), but was "
                            + kilobytesPerSecond);
        }
    }

    public static ByteRate ofKilobytesPerSecond(long kilobytesPerSecond) {
        return new ByteRate(kilobytesPerSecond);
    }

    /** Bytes per millisecond, equal to KB/s. */
    public long bytesPerMillisecond() {
        return kilobytesPerSecond;
    }
}
