package dev.chargestorm.chaos.runtime;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A component of the platform did not start; {@link #component()} names it, {@link #log()} is where to look. */
@API(status = API.Status.EXPERIMENTAL)
public final class PlatformStartException extends RuntimeException {

    private final String component;
    private final transient @Nullable Path log;

    public PlatformStartException(String component, @Nullable Path log, String message, @Nullable Throwable cause) {
        super(message + (log == null ? "" : " (log: " + log + ")"), cause);
        this.component = component;
        this.log = log;
    }

    /** @return the component that did not start ({@code postgres}, {@code toxiproxy}, a node name) */
    public String component() {
        return component;
    }

    /** @return its log file, if it has one */
    public @Nullable Path log() {
        return log;
    }
}
