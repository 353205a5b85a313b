package dev.chargestorm.fleet.ocpp;

/** A text frame that is not a well-formed OCPP-J frame; {@link #uniqueId()} is {@code "-1"} when unreadable. */
public final class MalformedFrameException extends RuntimeException {

    private final String uniqueId;

    public MalformedFrameException(String uniqueId, String message) {
        super(message);
        this.uniqueId = uniqueId;
    }

    public String uniqueId() {
        return uniqueId;
    }
}
