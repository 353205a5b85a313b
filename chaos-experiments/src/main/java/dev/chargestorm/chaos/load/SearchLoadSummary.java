package dev.chargestorm.chaos.load;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What the load saw, latencies measured from each request's intended send time.
 *
 * @param completed requests that ended (answered, failed or timed out)
 * @param errors of those, the ones that failed: no 2xx, a transport error, a timeout, or too many in flight
 * @param p50 median latency
 * @param p99 99th percentile latency
 * @param max highest latency
 */
@API(status = API.Status.EXPERIMENTAL)
public record SearchLoadSummary(long completed, long errors, Duration p50, Duration p99, Duration max) {

    @Override
    public String toString() {
        return completed + " searches, " + errors + " errors, p50 " + p50.toMillis() + " ms, p99 " + p99.toMillis()
                + " ms, max " + max.toMillis() + " ms";
    }
}
