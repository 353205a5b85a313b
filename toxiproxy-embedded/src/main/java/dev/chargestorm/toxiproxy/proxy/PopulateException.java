package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A failed populate: {@code proxies} holds the entries applied before the failure, or is null when validation
 * rejected the whole request (nothing was applied).
 */
@API(status = API.Status.EXPERIMENTAL)
public final class PopulateException extends ToxiproxyException {

    private final @Nullable List<ProxySnapshot> proxies;

    public PopulateException(Status status, String message, @Nullable List<ProxySnapshot> proxies) {
        super(status, message);
        this.proxies = proxies == null ? null : List.copyOf(proxies);
    }

    public @Nullable List<ProxySnapshot> proxies() {
        return proxies;
    }
}
