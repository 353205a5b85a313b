package dev.chargestorm.chaos.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link SearchLoad} sends: the API endpoints (one per API node, requests go round-robin), the fixed rate, and
 * the two bounds every load loop has (requests and time).
 *
 * @param endpoints API base URIs ({@code http://127.0.0.1:port}); {@code /api/spots} is appended
 * @param ratePerSecond requests per second, kept whatever the responses do (open loop)
 * @param maxRequests the load stops after this many requests
 * @param maxDuration the load stops after this time
 * @param requestTimeout a request without a response by then counts as an error
 * @param maxInFlight requests allowed in flight; one more counts as an error instead of being sent
 * @param seed the query sequence (places and radii)
 */
@API(status = API.Status.EXPERIMENTAL)
public record SearchLoadSettings(List<URI> endpoints, double ratePerSecond, long maxRequests, Duration maxDuration,
                                 Duration requestTimeout, int maxInFlight, long seed) {

    public SearchLoadSettings {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("SearchLoad needs at least one API endpoint but got none; "
                    + "give the topology an API node (Zone.of(\"a\").withApiNodes(1))");
        }
        if (!(ratePerSecond > 0 && ratePerSecond <= 10_000)) {
            throw new IllegalArgumentException("ratePerSecond must be in (0, 10000] but was " + ratePerSecond);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1 but was " + maxRequests);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive but was " + maxDuration);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive but was " + requestTimeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
        }
    }

    /** {@code rate} per second against {@code endpoints} for at most 30 minutes, 5 s timeout, 2,000 in flight. */
    public static SearchLoadSettings of(List<URI> endpoints, double rate) {
        return new SearchLoadSettings(endpoints, rate, Long.MAX_VALUE, Duration.ofMinutes(30), Duration.ofSeconds(5),
                2_000, 42);
    }

    public SearchLoadSettings withMaxRequests(long n) {
        return new SearchLoadSettings(endpoints, ratePerSecond, n, maxDuration, requestTimeout, maxInFlight, seed);
    }

    public SearchLoadSettings withMaxDuration(Duration d) {
        return new SearchLoadSettings(endpoints, ratePerSecond, maxRequests, d, requestTimeout, maxInFlight, seed);
    }

    public SearchLoadSettings withRequestTimeout(Duration d) {
        return new SearchLoadSettings(endpoints, ratePerSecond, maxRequests, maxDuration, d, maxInFlight, seed);
    }

    public SearchLoadSettings withMaxInFlight(int n) {
        return new SearchLoadSettings(endpoints, ratePerSecond, maxRequests, maxDuration, requestTimeout, n, seed);
    }

    public SearchLoadSettings withSeed(long s) {
        return new SearchLoadSettings(endpoints, ratePerSecond, maxRequests, maxDuration, requestTimeout, maxInFlight,
                s);
    }
}
