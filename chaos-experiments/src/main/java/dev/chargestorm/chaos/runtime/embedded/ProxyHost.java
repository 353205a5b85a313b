package dev.chargestorm.chaos.runtime.embedded;

import eu.rekawek.toxiproxy.ToxiproxyClient;

/** A Toxiproxy server the platform started: in this JVM or as a child process. */
interface ProxyHost extends AutoCloseable {

    /** @return the official client connected to it */
    ToxiproxyClient client();

    @Override
    void close();
}
