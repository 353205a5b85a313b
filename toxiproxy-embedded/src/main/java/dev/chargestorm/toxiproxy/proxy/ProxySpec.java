package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A proxy as requested by {@code POST /proxies} or one {@code /populate} entry. {@code listen} empty means all
 * interfaces on a random port; {@code enabled} null means the default (true).
 */
@API(status = API.Status.INTERNAL)
public record ProxySpec(String name, String listen, String upstream, @Nullable Boolean enabled) {

    public ProxySpec {
        name = name == null ? "" : name;
        listen = listen == null ? "" : listen;
        upstream = upstream == null ? "" : upstream;
    }
}
