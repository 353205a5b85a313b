package dev.chargestorm.toxiproxy.proxy;

import dev.chargestorm.toxiproxy.toxic.Direction;
import dev.chargestorm.toxiproxy.toxic.StageContext;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicChain;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A proxied connection: the client socket, the upstream socket, the upstream link (client to server) and the
 * downstream link (server to client). Both sockets share one event loop, which runs everything here.
 */
final class Connection {

    private final ProxyListener owner;
    private final Channel client;
    private final Channel upstream;
    private final Link upstreamLink;
    private final Link downstreamLink;
    private boolean disposed;

    Connection(ProxyListener owner, Channel client, Channel upstream, List<Toxic> upstreamToxics,
            List<Toxic> downstreamToxics, RandomGenerator upstreamRandom, RandomGenerator downstreamRandom) {
        this.owner = owner;
        this.client = client;
        this.upstream = upstream;
        this.upstreamLink = new Link(client, upstream, upstreamToxics,
                new StageContext(client.eventLoop(), upstreamRandom));
        this.downstreamLink = new Link(upstream, client, downstreamToxics,
                new StageContext(client.eventLoop(), downstreamRandom));
    }

    String proxyName() {
        return owner.proxyName();
    }

    /** Installs the relays, hands over what the client sent while its upstream was dialled, starts reading. On the event loop. */
    void start(boolean resetPeer, EarlyInbound early) {
        if (resetPeer) {
            // Toxiproxy sets SO_LINGER=0 on links created while a reset_peer toxic exists: closes become RSTs.
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            upstream.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        client.pipeline().addLast(new RelayHandler(this, upstreamLink, downstreamLink));
        upstream.pipeline().addLast(new RelayHandler(this, downstreamLink, upstreamLink));
        boolean clientEnded = early.handOver(client, upstreamLink);
        if (!upstream.isActive() || (!client.isActive() && !clientEnded)) {
            close();
            channelClosed();
            return;
        }
        upstreamLink.maybeRead();
        downstreamLink.maybeRead();
    }

    /** Runs a change on the chain of one direction, on the event loop. */
    Future<?> onChain(boolean upstreamDirection, Consumer<ToxicChain> change) {
        return client.eventLoop().submit(() -> {
            if (!disposed) {
                change.accept(upstreamDirection ? upstreamLink.chain() : downstreamLink.chain());
            }
        });
    }

    void close() {
        client.close();
        upstream.close();
    }

    void channelClosed() {
        if (!disposed && !client.isActive() && !upstream.isActive()) {
            disposed = true;
            upstreamLink.dispose();
            downstreamLink.dispose();
            owner.remove(this);
            owner.recordTraffic(Direction.UPSTREAM, upstreamLink.received(), upstreamLink.sent());
            owner.recordTraffic(Direction.DOWNSTREAM, downstreamLink.received(), downstreamLink.sent());
        }
    }
}
