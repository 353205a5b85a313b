package dev.chargestorm.toxiproxy.proxy;

import dev.chargestorm.toxiproxy.toxic.Direction;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicChain;
import dev.chargestorm.toxiproxy.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an enabled proxy: the bound listening socket and the connections accepted on it. Stopping it closes
 * the listener (new connects are refused) and every client and upstream socket (peers read EOF).
 */
final class ProxyListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyListener.class);
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Up to 1 MiB may wait in a socket's outbound buffer before the link stops reading its source. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** Read sizes adapt between 1 KiB and 256 KiB: small for chatty links, large for bulk (fewer syscalls). */
    private static final AdaptiveRecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator(1024, 16 * 1024,
            256 * 1024);

    private final Proxy proxy;
    private final String upstream;
    private final long seed;
    private final ProxyMetrics metrics;
    private final Class<? extends SocketChannel> upstreamChannel;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted;
    private volatile boolean open = true;
    private Channel serverChannel;

    private ProxyListener(Proxy proxy, String upstream, long seed, AtomicLong accepted, ProxyMetrics metrics,
            Class<? extends SocketChannel> upstreamChannel) {
        this.proxy = proxy;
        this.upstreamChannel = upstreamChannel;
        this.upstream = upstream;
        this.seed = seed;
        this.metrics = metrics;
        this.accepted = accepted;
    }

    /** Binds the proxy's listen address; the message of a failure is the real server's ({@code listen tcp ...}). */
    static ProxyListener start(Proxy proxy, EventLoops loops, long seed, AtomicLong accepted,
            ProxyMetrics metrics) {
        ListenAddress address;
        InetSocketAddress bindAddress;
        try {
            address = ListenAddress.parse(proxy.listen());
        } catch (IllegalArgumentException invalid) {
            throw new ToxiproxyException(ToxiproxyException.Status.INTERNAL_ERROR, "listen tcp: " + invalid.getMessage());
        }
        try {
            bindAddress = address.bindAddress();
        } catch (UnknownHostException unknown) {
            throw new ToxiproxyException(ToxiproxyException.Status.INTERNAL_ERROR,
                    "listen tcp: lookup " + address.host() + ": no such host");
        }
        ProxyListener listener = new ProxyListener(proxy, proxy.upstream(), seed, accepted, metrics,
                loops.transport().socketChannel());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        EarlyInbound early = new EarlyInbound();
                        client.pipeline().addLast(new AcceptHandler(listener, early), early);
                    }
                });
        ChannelFuture bind = bootstrap.bind(bindAddress);
        String where = address.hostForErrors() + ":" + address.port();
        if (!bind.awaitUninterruptibly(BIND_TIMEOUT.toMillis())) {
            bind.channel().close();
            throw new ToxiproxyException(ToxiproxyException.Status.INTERNAL_ERROR,
                    "listen tcp " + where + ": bind: timed out after " + BIND_TIMEOUT.toMillis() + " ms");
        }
        if (!bind.isSuccess()) {
            throw new ToxiproxyException(ToxiproxyException.Status.INTERNAL_ERROR,
                    "listen tcp " + where + ": bind: " + bindFailureReason(bind.cause()));
        }
        listener.serverChannel = bind.channel();
        LOG.info("proxy {}: listening on {}, upstream {}", proxy.name(), listener.boundAddress(), proxy.upstream());
        return listener;
    }

    /**
     * The operating system's reason as the real server prints it ("address already in use"): NIO
     * reports it bare, the epoll transport as "bind(..) failed with error(-98): Address already in use".
     */
    static String bindFailureReason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.substring(message.lastIndexOf(": ") + 1).strip().toLowerCase(Locale.ROOT);
    }

    String proxyName() {
        return proxy.name();
    }

    String boundAddress() {
        return ListenAddress.format((InetSocketAddress) serverChannel.localAddress());
    }

    /** Closes the listener and every connection; waits at most a bounded time. */
    void stop() {
        open = false;
        serverChannel.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
        channels.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
        LOG.info("proxy {}: stopped", proxy.name());
    }

    void recordTraffic(Direction direction, long received, long sent) {
        metrics.add(proxy.name(), proxy.listen(), upstream, direction, received, sent);
    }

    void remove(Connection connection) {
        connections.remove(connection);
    }

    int connectionCount() {
        return connections.size();
    }

    /** Applies a change to the chain of the given direction on every open connection; the caller waits. */
    List<Future<?>> onChains(Direction direction, Consumer<ToxicChain> change) {
        List<Future<?>> done = new ArrayList<>();
        for (Connection connection : connections) {
            done.add(connection.onChain(direction == Direction.UPSTREAM, change));
        }
        return done;
    }

    private void accept(Channel client, EarlyInbound early) {
        if (!open) {
            early.discard();
            client.close();
            return;
        }
        channels.add(client);
        long index = accepted.getAndIncrement();
        ListenAddress target;
        try {
            target = ListenAddress.parse(upstream);
        } catch (IllegalArgumentException invalid) {
            LOG.debug("proxy {}: upstream {} is invalid ({}); closing the client", proxy.name(), upstream,
                    invalid.getMessage());
            early.discard();
            client.close();
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                .channel(upstreamChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInboundHandlerAdapter());
        String host = target.host().isEmpty() ? "localhost" : target.host();
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            dial(client, early, bootstrap, new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host),
                    target.port()), index);
            return;
        }
        // Each connection looks the name up again (as Toxiproxy does), off the event loop: a slow DNS must not stall
        // every other connection of the loop.
        Thread.ofVirtual().name("toxiproxy-resolve").start(() -> {
            InetSocketAddress resolved = new InetSocketAddress(host, target.port());
            client.eventLoop().execute(() -> dial(client, early, bootstrap, resolved, index));
        });
    }

    private void dial(Channel client, EarlyInbound early, Bootstrap bootstrap, InetSocketAddress address, long index) {
        if (early.nothingToDeliver(client) || !open) {
            early.discard();
            client.close();
            return;
        }
        ChannelFuture connect = bootstrap.connect(address);
        Channel upstreamChannel = connect.channel();
        channels.add(upstreamChannel);
        // Only while dialling: once attached, the client's end of stream reaches the upstream through its link, which
        // flushes what is still queued before closing (closing here at once dropped up to a write buffer of data).
        client.closeFuture().addListener(closed -> {
            if ((!connect.isDone() || !connect.isSuccess()) && early.nothingToDeliver(client)) {
                upstreamChannel.close();
            }
        });
        connect.addListener(result -> {
            if (!result.isSuccess()) {
                // Toxiproxy accepts, then closes: the client reads EOF (issue #265).
                LOG.debug("proxy {}: upstream {} unreachable: {}", proxy.name(), upstream, result.cause().toString());
                early.discard();
                client.close();
                return;
            }
            attach(client, early, upstreamChannel, index);
        });
    }

    private void attach(Channel client, EarlyInbound early, Channel upstreamChannel, long index) {
        Connection connection;
        boolean resetPeer;
        synchronized (proxy) {
            if (!open || early.nothingToDeliver(client)) {
                early.discard();
                client.close();
                upstreamChannel.close();
                return;
            }
            List<Toxic> upstreamToxics = proxy.toxics(Direction.UPSTREAM);
            List<Toxic> downstreamToxics = proxy.toxics(Direction.DOWNSTREAM);
            resetPeer = proxy.hasResetPeer();
            connection = new Connection(this, client, upstreamChannel, upstreamToxics, downstreamToxics,
                    random(index, Direction.UPSTREAM), random(index, Direction.DOWNSTREAM));
            connections.add(connection);
        }
        connection.start(resetPeer, early);
    }

    /** The link's random source: a function of the server seed, the proxy, the connection's accept order and the direction. */
    private SplittableRandom random(long connectionIndex, Direction direction) {
        long mixed = mix(seed ^ mix(proxy.name().hashCode()));
        mixed = mix(mixed + connectionIndex);
        mixed = mix(mixed + direction.ordinal() + 1);
        return new SplittableRandom(mixed);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static final class AcceptHandler extends ChannelInboundHandlerAdapter {
        private final ProxyListener listener;

        private final EarlyInbound early;

        AcceptHandler(ProxyListener listener, EarlyInbound early) {
            this.early = early;
            this.listener = listener;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            listener.accept(ctx.channel(), early);
            ctx.pipeline().remove(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static void awaitAll(List<Future<?>> changes, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Future<?> change : changes) {
            try {
                change.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException late) {
                LOG.warn("a toxic change did not reach every connection within {} ms; it is still queued",
                        bound.toMillis());
                return;
            } catch (java.util.concurrent.ExecutionException failed) {
                LOG.warn("a toxic change failed on a connection: {}", failed.getCause().toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
