package dev.chargestorm.fleet.transport;

import org.jspecify.annotations.Nullable;

/**
 * Why a connection attempt failed.
 *
 * @param outcome {@code http-<status>}, {@code refused}, {@code timeout}, {@code reset}, {@code no-subprotocol},
 *     {@code port-exhausted}, {@code file-limit} or {@code error}
 * @param httpStatus the handshake's HTTP status, 0 when there was none
 * @param retryAfterSeconds the Retry-After header of a refused handshake, or null
 * @param fatalMessage for {@code port-exhausted} and {@code file-limit}: what the operator must change
 */
public record ConnectFailure(String outcome, int httpStatus, @Nullable Long retryAfterSeconds,
        @Nullable String fatalMessage) {

    static ConnectFailure of(String outcome) {
        return new ConnectFailure(outcome, 0, null, null);
    }

    /** True when redialling cannot help: the machine or process is out of ports or files. */
    public boolean fatal() {
        return fatalMessage != null;
    }
}
