package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;

/**
 * A failed API operation, carrying the HTTP status the real Toxiproxy answers with and its exact message
 * (for example {@code 409 proxy already exists}).
 */
@API(status = API.Status.EXPERIMENTAL)
public class ToxiproxyException extends RuntimeException {

    /** The statuses the Toxiproxy API uses for errors. */
    public enum Status {
        BAD_REQUEST(400), NOT_FOUND(404), CONFLICT(409), INTERNAL_ERROR(500);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Status status;

    public ToxiproxyException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static ToxiproxyException badRequest(String message) {
        return new ToxiproxyException(Status.BAD_REQUEST, message);
    }

    static ToxiproxyException proxyNotFound() {
        return new ToxiproxyException(Status.NOT_FOUND, "proxy not found");
    }

    static ToxiproxyException toxicNotFound() {
        return new ToxiproxyException(Status.NOT_FOUND, "toxic not found");
    }
}
