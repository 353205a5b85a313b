package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;

/**
 * A toxic as defined on a proxy: its unique {@code id} within the server (stable across updates), the name,
 * the {@code stream} string exactly as the client sent it (echoed verbatim like the real server), its parsed
 * {@link Direction}, the toxicity (probability per connection and direction) and typed settings.
 */
@API(status = API.Status.EXPERIMENTAL)
public record Toxic(long id, String name, String stream, Direction direction, float toxicity, ToxicSettings settings) {

    public ToxicType type() {
        return settings.type();
    }

    public Toxic withUpdate(float newToxicity, ToxicSettings newSettings) {
        return new Toxic(id, name, stream, direction, newToxicity, newSettings);
    }
}
