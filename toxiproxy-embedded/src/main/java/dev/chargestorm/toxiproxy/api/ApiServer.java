package dev.chargestorm.toxiproxy.api;

import dev.chargestorm.toxiproxy.transport.EventLoops;
import org.apiguardian.api.API;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server of the API (keep-alive, 60 s idle timeout like the real server). Requests are handled off the
 * I/O event loops, on one API thread, because an API call may wait (bounded) for a bind or for open connections to
 * apply a toxic change, and those happen on the event loops.
 */
@API(status = API.Status.INTERNAL)
public final class ApiServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final ExecutorService handlers;

    private ApiServer(Channel serverChannel, ChannelGroup connections, ExecutorService handlers) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.handlers = handlers;
    }

    /**
     * Binds the API.
     *
     * @throws IllegalStateException naming the address and the reason if it cannot bind
     */
    public static ApiServer start(InetSocketAddress address, EventLoops loops, ToxiproxyApi api) {
        // One thread: API calls are serialised anyway, and responses on a keep-alive connection stay in order.
        ExecutorService handlers = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("toxiproxy-api")
                .daemon(true).factory());
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline()
                                .addLast(new IdleStateHandler(0, 0, 60, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(16 * 1024 * 1024))
                                .addLast(new Handler(api, handlers));
                    }
                });
        ChannelFuture bind = bootstrap.bind(address);
        if (!bind.awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            bind.channel().close();
            handlers.shutdownNow();
            throw new IllegalStateException("cannot listen for the Toxiproxy API on " + address.getHostString() + ":"
                    + address.getPort() + ": the bind did not complete within 10 s");
        }
        if (!bind.isSuccess()) {
            handlers.shutdownNow();
            throw new IllegalStateException("cannot listen for the Toxiproxy API on " + address.getHostString() + ":"
                    + address.getPort() + ": " + bind.cause().getMessage()
                    + "; pick another -port (0 picks a free one) or stop what holds it", bind.cause());
        }
        return new ApiServer(bind.channel(), connections, handlers);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ToxiproxyApi api;
        private final ExecutorService executor;

        Handler(ToxiproxyApi api, ExecutorService executor) {
            this.api = api;
            this.executor = executor;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpRequest retained = request.retain();
            try {
                executor.execute(() -> {
                    try {
                        answer(ctx, retained);
                    } finally {
                        retained.release();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                retained.release();
                ctx.close();
            }
        }

        private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
                bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            ApiResponse answer = api.handle(request.method().name(), path,
                    request.headers().get(HttpHeaderNames.USER_AGENT), ByteBufUtil.getBytes(request.content()));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            if (answer.contentType() != null) {
                response.headers().set("Content-Type", answer.contentType());
            }
            if (answer.nosniff()) {
                response.headers().set("X-Content-Type-Options", "nosniff");
            }
            if (answer.routed()) {
                response.headers().set("X-Toxiproxy-Request-Id", requestId());
            }
            response.headers().set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
            if (answer.status() != 204) {
                response.headers().set("Content-Length", answer.body().length);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                response.headers().set("Connection", "keep-alive");
            }
            ChannelFuture written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static String requestId() {
            byte[] id = new byte[10];
            ThreadLocalRandom.current().nextBytes(id);
            return HexFormat.of().formatHex(id);
        }
    }
}
