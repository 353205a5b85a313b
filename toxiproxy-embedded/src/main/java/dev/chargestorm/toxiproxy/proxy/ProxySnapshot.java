package dev.chargestorm.toxiproxy.proxy;

import dev.chargestorm.toxiproxy.toxic.Toxic;
import java.util.List;

/** A consistent view of one proxy; {@code toxics} lists the upstream toxics first, then the downstream ones. */
public record ProxySnapshot(String name, String listen, String upstream, boolean enabled, List<Toxic> toxics) {

    public ProxySnapshot {
        toxics = List.copyOf(toxics);
    }
}
