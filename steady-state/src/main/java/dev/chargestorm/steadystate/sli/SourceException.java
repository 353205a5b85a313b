package dev.chargestorm.steadystate.sli;

/** A source could not be read (scrape failed, probe threw). */
public final class SourceException extends RuntimeException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
