package dev.chargestorm.toxiproxy.proxy;

import dev.chargestorm.toxiproxy.toxic.Direction;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The state of one proxy. Mutated only by {@link ProxyCollection} under its lock; the toxic lists are also read by
 * event loops when a connection is attached, so they are guarded by this object's monitor.
 */
final class Proxy {

    private final String name;
    private String listen;
    private String upstream;
    private final List<Toxic> upstreamToxics = new ArrayList<>();
    private final List<Toxic> downstreamToxics = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private @Nullable ProxyListener listener;

    Proxy(String name, String listen, String upstream) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
    }

    String name() {
        return name;
    }

    synchronized String listen() {
        return listen;
    }

    synchronized void listen(String newListen) {
        listen = newListen;
    }

    synchronized String upstream() {
        return upstream;
    }

    synchronized void upstream(String newUpstream) {
        upstream = newUpstream;
    }

    boolean enabled() {
        return listener != null;
    }

    @Nullable ProxyListener listener() {
        return listener;
    }

    AtomicLong accepted() {
        return accepted;
    }

    void started(ProxyListener running) {
        listener = running;
        listen(running.boundAddress());
    }

    void stop() {
        ProxyListener running = listener;
        listener = null;
        if (running != null) {
            running.stop();
        }
    }

    synchronized List<Toxic> toxics(Direction direction) {
        return List.copyOf(direction == Direction.UPSTREAM ? upstreamToxics : downstreamToxics);
    }

    /** Upstream toxics first, then downstream, each in the order added. */
    synchronized List<Toxic> allToxics() {
        List<Toxic> all = new ArrayList<>(upstreamToxics);
        all.addAll(downstreamToxics);
        return all;
    }

    synchronized boolean hasResetPeer() {
        return allToxics().stream().anyMatch(toxic -> toxic.type() == ToxicType.RESET_PEER);
    }

    synchronized @Nullable Toxic toxic(String toxicName) {
        for (Toxic toxic : allToxics()) {
            if (toxic.name().equals(toxicName)) {
                return toxic;
            }
        }
        return null;
    }

    List<Toxic> listFor(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamToxics : downstreamToxics;
    }

    synchronized ProxySnapshot snapshot() {
        return new ProxySnapshot(name, listen, upstream, enabled(), allToxics());
    }
}
