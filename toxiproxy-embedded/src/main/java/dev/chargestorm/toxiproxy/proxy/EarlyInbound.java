package dev.chargestorm.toxiproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds what a client sent, and whether it already closed, until its upstream is connected. With auto-read off NIO
 * reads nothing before the link asks, but epoll reads once when the peer half-closes (EPOLLRDHUP) and then closes the
 * channel: a client that sends a request and shuts down its output at once would otherwise lose the request.
 */
final class EarlyInbound extends ChannelInboundHandlerAdapter {

    private final List<ByteBuf> data = new ArrayList<>();
    private boolean ended;

    /** True when the client closed before its connection was attached and left nothing to deliver. */
    static boolean nothingToDeliver(Channel client) {
        EarlyInbound early = client.pipeline().get(EarlyInbound.class);
        return !client.isActive() && (early == null || early.data.isEmpty());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        data.add((ByteBuf) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /**
     * Removes this holder from the client's pipeline and hands what it held to the link that reads the client.
     *
     * @return true if the client already closed (the link has been told)
     */
    static boolean handOver(Channel client, Link reading) {
        EarlyInbound early = client.pipeline().get(EarlyInbound.class);
        if (early == null) {
            return false;
        }
        client.pipeline().remove(early);
        List<ByteBuf> held = List.copyOf(early.data);
        early.data.clear();
        held.forEach(reading::onSourceData);
        if (early.ended) {
            reading.onSourceClosed();
        }
        return early.ended;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        data.forEach(ByteBuf::release);
        data.clear();
    }
}
