package dev.chargestorm.fleet.persona;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses persona strings: traits joined by {@code +}, e.g. {@code retry-backoff:3s/10s/3+status-every-connect}.
 *
 * <table>
 * <caption>Traits</caption>
 * <tr><td>{@code immediate}</td><td>redial at once (the default when no redial trait is given)</td></tr>
 * <tr><td>{@code fixed[:30s]}</td><td>always the same wait</td></tr>
 * <tr><td>{@code exponential[:1s[/120s]]}</td><td>base * 2^n, capped, no jitter</td></tr>
 * <tr><td>{@code backoff-jitter[:1s[/60s]]}</td><td>exponential with full jitter</td></tr>
 * <tr><td>{@code retry-backoff[:3s/10s/3]}</td><td>OCPP 2.0.1 RetryBackOff: wait minimum / random range / repeat
 * times</td></tr>
 * <tr><td>{@code ignore-pending}</td><td>non-compliant: treats Boot Pending as Accepted</td></tr>
 * <tr><td>{@code honour-retry-after}</td><td>waits at least a refused handshake's Retry-After</td></tr>
 * <tr><td>{@code reconnect-on-timeout}</td><td>drops the connection when a CALL times out</td></tr>
 * <tr><td>{@code boot-every-connect}, {@code status-every-connect}</td><td>post-reconnect behaviour</td></tr>
 * <tr><td>{@code offline-start}</td><td>starts a session while offline or when its Authorize is lost with the
 * connection ({@code LocalAuthorizeOffline} and {@code AllowOfflineTxForUnknownId} true)</td></tr>
 * </table>
 */
public final class Personas {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Personas() {
    }

    /**
     * Parses one persona.
     *
     * @throws IllegalArgumentException naming the unknown or malformed trait and the accepted ones
     */
    public static Persona parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty persona; expected e.g. immediate, fixed:30s, backoff-jitter");
        }
        ReconnectStrategy reconnect = null;
        boolean ignoresPending = false;
        boolean honoursRetryAfter = false;
        boolean reconnectsOnTimeout = false;
        boolean startsOffline = false;
        PostConnect postConnect = PostConnect.COMPLIANT;
        for (String trait : trimmed.split("\\+")) {
            Trait parsed = Trait.of(trait);
            String name = parsed.name();
            ReconnectStrategy strategy;
            try {
                strategy = redialTrait(name, parsed.args());
            } catch (NumberFormatException ex) {
                throw notAWholeNumber(trait, ex);
            }
            if (strategy == null) {
                switch (name) {
                    case "ignore-pending" -> ignoresPending = true;
                    case "honour-retry-after", "honor-retry-after" -> honoursRetryAfter = true;
                    case "reconnect-on-timeout" -> reconnectsOnTimeout = true;
                    case "boot-every-connect" -> postConnect = PostConnect.BOOT_EVERY_CONNECT;
                    case "status-every-connect" -> postConnect = PostConnect.STATUS_EVERY_CONNECT;
                    case "offline-start" -> startsOffline = true;
                    default -> throw new IllegalArgumentException("unknown persona trait '" + trait.trim()
                            + "' in '" + text + "'; expected immediate, fixed[:30s], exponential[:1s/120s], "
                            + "backoff-jitter[:1s/60s], retry-backoff[:3s/10s/3], ignore-pending, honour-retry-after, "
                            + "reconnect-on-timeout, boot-every-connect, status-every-connect or offline-start, "
                            + "joined by '+'");
                }
            } else if (reconnect != null) {
                throw new IllegalArgumentException("persona '" + text + "' has two redial traits ("
                        + reconnect.describe() + " and " + strategy.describe() + "); give one");
            } else {
                reconnect = strategy;
            }
        }
        return new Persona(reconnect == null ? new ReconnectStrategy.Immediate() : reconnect, ignoresPending,
                postConnect, honoursRetryAfter, reconnectsOnTimeout, startsOffline);
    }

    /**
     * Parses one redial strategy: a persona's redial trait alone, e.g. {@code backoff-jitter:1s/60s}.
     *
     * @throws IllegalArgumentException naming the accepted strategies
     */
    public static ReconnectStrategy parseRedial(String text) {
        Trait parsed = Trait.of(text);
        ReconnectStrategy strategy;
        try {
            strategy = redialTrait(parsed.name(), parsed.args());
        } catch (NumberFormatException ex) {
            throw notAWholeNumber(text, ex);
        }
        if (strategy == null) {
            throw new IllegalArgumentException("unknown redial strategy '" + text.trim() + "'; expected immediate, "
                    + "fixed[:30s], exponential[:1s/120s], backoff-jitter[:1s/60s] or retry-backoff[:3s/10s/3]");
        }
        return strategy;
    }

    /** One trait split into its lower-case name and its {@code /}-separated arguments, e.g. {@code fixed:30s}. */
    private record Trait(String name, String[] args) {
        static Trait of(String text) {
            String trait = text.trim().toLowerCase(Locale.ROOT);
            int colon = trait.indexOf(':');
            if (colon < 0) {
                return new Trait(trait, new String[0]);
            }
            String argument = trait.substring(colon + 1);
            return new Trait(trait.substring(0, colon), argument.isEmpty() ? new String[0] : argument.split("/"));
        }
    }

    /** The redial strategy a trait names, or null when the trait is not a redial trait. */
    private static @Nullable ReconnectStrategy redialTrait(String name, String[] args) {
        return switch (name) {
            case "immediate" -> new ReconnectStrategy.Immediate();
            case "fixed" -> new ReconnectStrategy.Fixed(duration(args, 0, "30s"));
            case "exponential" -> new ReconnectStrategy.Exponential(duration(args, 0, "1s"), duration(args, 1, "120s"));
            case "backoff-jitter", "full-jitter" -> new ReconnectStrategy.FullJitter(duration(args, 0, "1s"),
                    duration(args, 1, "60s"));
            case "retry-backoff" -> new ReconnectStrategy.RetryBackOff(duration(args, 0, "3s"), duration(args, 1, "10s"),
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
            default -> null;
        };
    }

    private static IllegalArgumentException notAWholeNumber(String trait, NumberFormatException ex) {
        return new IllegalArgumentException("persona trait '" + trait.trim() + "': expected a whole number but was '"
                + ex.getMessage() + "'", ex);
    }

    /**
     * Parses a duration such as {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h but was '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis >= 600_000) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static Duration duration(String[] args, int index, String fallback) {
        return parseDuration(args.length > index ? args[index] : fallback);
    }
}
