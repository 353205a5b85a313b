package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import java.util.List;

/** A consistent view of one proxy; {@code toxics} lists the upstream toxics first, then the downstream ones. */
@API(status = API.Status.EXPERIMENTAL)
public record ProxySnapshot(String name, String listen, String upstream, boolean enabled, List<Toxic> toxics) {

    public ProxySnapshot {
        toxics = List.copyOf(toxics);
    }
}
