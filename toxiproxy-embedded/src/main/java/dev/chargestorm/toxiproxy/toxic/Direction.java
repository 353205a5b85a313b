package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import java.util.Locale;
import java.util.Optional;

/** The direction a toxic acts on: upstream is client to server (requests), downstream is server to client. */
@API(status = API.Status.EXPERIMENTAL)
public enum Direction {
    UPSTREAM, DOWNSTREAM;

    /** Parses {@code upstream} or {@code downstream} in any case, as Toxiproxy does. */
    public static Optional<Direction> parse(String stream) {
        return switch (stream.toLowerCase(Locale.ROOT)) {
            case "upstream" -> Optional.of(UPSTREAM);
            case "downstream" -> Optional.of(DOWNSTREAM);
            default -> Optional.empty();
        };
    }

    /** The wire name, {@code upstream} or {@code downstream}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
