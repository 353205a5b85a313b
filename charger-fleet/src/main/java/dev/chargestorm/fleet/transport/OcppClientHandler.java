package dev.chargestorm.fleet.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket handshake with the {@code ocpp1.6} subprotocol, then text frames to {@link ConnectionEvents}; answers
 * pings and close frames. Reports each attempt exactly once: opened then closed, or failed.
 */
final class OcppClientHandler extends SimpleChannelInboundHandler<Object> {

    static final String SUBPROTOCOL = "ocpp1.6";

    private final WebSocketClientHandshaker handshaker;
    private final ConnectionEvents events;
    private final long handshakeTimeoutMillis;
    private final @Nullable InetSocketAddress source;
    private final InetSocketAddress target;
    private boolean open;
    private boolean finished;

    OcppClientHandler(WebSocketClientHandshaker handshaker, ConnectionEvents events, long handshakeTimeoutMillis,
            @Nullable InetSocketAddress source, InetSocketAddress target) {
        super(true);
        this.handshaker = handshaker;
        this.events = events;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.source = source;
        this.target = target;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
        ctx.executor().schedule(() -> {
            if (!open && !finished) {
                fail(ConnectFailure.of("timeout"));
                ctx.close();
            }
        }, handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (!open) {
            if (finished || !(message instanceof FullHttpResponse response)) {
                return;
            }
            int status = response.status().code();
            if (status != 101) {
                String retryAfter = response.headers().get(HttpHeaderNames.RETRY_AFTER);
                fail(new ConnectFailure("http-" + status, status, parseSeconds(retryAfter), null));
                ctx.close();
                return;
            }
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException ex) {
                fail(ConnectFailure.of("error"));
                ctx.close();
                return;
            }
            if (!SUBPROTOCOL.equals(handshaker.actualSubprotocol())) {
                fail(ConnectFailure.of("no-subprotocol"));
                ctx.close();
                return;
            }
            ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(1 << 20));
            open = true;
            finished = true;
            events.opened(ctx.channel());
            return;
        }
        if (message instanceof TextWebSocketFrame text) {
            events.text(text.text());
        } else if (message instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (message instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            open = false;
            events.closed();
        } else if (!finished) {
            fail(ConnectFailure.of("reset"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!open && !finished) {
            fail(Failures.classify(cause, source, target));
        }
        ctx.close();
    }

    /** The TCP connect itself failed (the channel never became active). */
    void connectFailed(Throwable cause) {
        if (!finished) {
            fail(Failures.classify(cause, source, target));
        }
    }

    private void fail(ConnectFailure failure) {
        finished = true;
        events.failed(failure);
    }

    private static @Nullable Long parseSeconds(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
