package dev.chargestorm.toxiproxy.api;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer: status, content type (null for none), body, whether Go's {@code http.Error} headers apply
 * ({@code X-Content-Type-Options: nosniff}), and whether a route matched (only those carry a request id).
 */
record ApiResponse(int status, @Nullable String contentType, byte[] body, boolean nosniff, boolean routed) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, false, true);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], false, true);
    }

    static ApiResponse methodNotAllowed() {
        return new ApiResponse(405, null, new byte[0], false, false);
    }

    static ApiResponse notFoundPage() {
        return new ApiResponse(404, TEXT, "404 page not found\n".getBytes(StandardCharsets.UTF_8), true, false);
    }

    static ApiResponse browserBlocked() {
        return new ApiResponse(403, TEXT, "User agent not allowed\n".getBytes(StandardCharsets.UTF_8), true, true);
    }

    /** Errors written by Go's {@code http.Error}: a JSON body typed as text/plain. */
    static ApiResponse error(int status, byte[] jsonBody) {
        return new ApiResponse(status, TEXT, jsonBody, true, true);
    }
}
