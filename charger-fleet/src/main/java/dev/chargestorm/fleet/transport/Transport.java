package dev.chargestorm.fleet.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-loop group for a whole fleet (epoll when Netty's native transport is on the class path and works, NIO
 * otherwise) and the WebSocket client bootstrap. Connections to a loopback target are spread over several
 * {@code 127.0.0.x} source addresses, so that each gets its own ephemeral port range.
 */
public final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final List<InetAddress> loopbackSources;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final java.util.Map<String, InetSocketAddress> targets = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final String transportName;

    private Transport(EventLoopGroup group, Class<? extends SocketChannel> channelClass, String transportName,
            List<InetAddress> loopbackSources, Duration connectTimeout) {
        this.group = group;
        this.channelClass = channelClass;
        this.transportName = transportName;
        this.loopbackSources = List.copyOf(loopbackSources);
        this.connectTimeout = connectTimeout;
    }

    /**
     * Starts the event loops.
     *
     * @param threads event-loop threads, 0 for Netty's default (2 per core)
     * @param loopbackSources source addresses for loopback targets (empty: let the kernel choose)
     */
    public static Transport start(int threads, List<InetAddress> loopbackSources, Duration connectTimeout) {
        if (Epoll.isAvailable()) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class, "epoll", loopbackSources, connectTimeout);
        }
        LOG.debug("Netty's native epoll transport is not available ({}); using NIO", Epoll.unavailabilityCause());
        return new Transport(new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                NioSocketChannel.class, "nio", loopbackSources, connectTimeout);
    }

    /** {@code 127.0.0.2} to {@code 127.0.0.9}: eight ephemeral port ranges towards a loopback target. */
    public static List<InetAddress> defaultLoopbackSources() {
        return loopbackRange(2, 9);
    }

    /** {@code 127.0.0.first} to {@code 127.0.0.last}. */
    public static List<InetAddress> loopbackRange(int first, int last) {
        if (first < 1 || last > 254 || first > last) {
            throw new IllegalArgumentException("a loopback source range is 127.0.0.1-254 but was " + first + "-" + last);
        }
        return java.util.stream.IntStream.rangeClosed(first, last).mapToObj(i -> {
            try {
                return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
            } catch (UnknownHostException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transportName;
    }

    /** An event loop to pin a charger to: all its connections and timers run there. */
    public EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Opens a WebSocket to {@code uri} on {@code loop}; {@code events} hears the outcome.
     *
     * @param authorization the Authorization header value, or null
     */
    public void connect(EventLoop loop, URI uri, @Nullable String authorization, Duration handshakeTimeout,
            ConnectionEvents events) {
        InetSocketAddress target = targets.computeIfAbsent(uri.getHost() + ":" + port(uri),
                key -> new InetSocketAddress(uri.getHost(), port(uri)));
        InetSocketAddress source = null;
        if (!loopbackSources.isEmpty() && target.getAddress() != null && target.getAddress().isLoopbackAddress()) {
            InetAddress address = loopbackSources.get(Math.floorMod(nextSource.getAndIncrement(),
                    loopbackSources.size()));
            source = new InetSocketAddress(address, 0);
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.set("Authorization", authorization);
        }
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, OcppClientHandler.SUBPROTOCOL, false, headers, 1 << 20);
        OcppClientHandler handler = new OcppClientHandler(handshaker, events, handshakeTimeout.toMillis(), source,
                target);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), handler);
                    }
                });
        ChannelFuture future;
        try {
            future = source == null ? bootstrap.connect(target) : bootstrap.connect(target, source);
        } catch (RuntimeException ex) {
            handler.connectFailed(ex);
            return;
        }
        future.addListener(done -> {
            if (!done.isSuccess()) {
                handler.connectFailed(done.cause());
            }
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
