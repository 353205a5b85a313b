package dev.chargestorm.chaos.runtime.embedded;

import dev.chargestorm.toxiproxy.EmbeddedToxiproxy;
import dev.chargestorm.toxiproxy.ToxiproxySettings;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/** toxiproxy-embedded inside the harness JVM. */
final class InProcessProxyHost implements ProxyHost {

    private final EmbeddedToxiproxy toxiproxy;
    private final ToxiproxyClient client;

    InProcessProxyHost(long seed) {
        this.toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(seed));
        this.client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
    }

    @Override
    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public void close() {
        toxiproxy.close();
    }
}
