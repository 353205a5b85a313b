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
 * <p>
 * The held data outlives the pipeline (Netty empties the pipeline of a closed channel): the listener keeps this
 * object and either {@linkplain #handOver hands it over} to the connection or {@linkplain #discard discards} it.
 * Event loop only.
 */
final class EarlyInbound extends ChannelInboundHandlerAdapter {

    private final List<ByteBuf> data = new ArrayList<>();
    private boolean ended;

    /** True when the client has closed and left nothing to deliver: there is no point dialling its upstream. */
    boolean nothingToDeliver(Channel client) {
        return !client.isActive() && data.isEmpty();
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
     * Leaves the client's pipeline and hands what was held to the link that reads the client.
     *
     * @return true if the client already closed (the link has been told)
     */
    boolean handOver(Channel client, Link reading) {
        if (client.pipeline().context(this) != null) {
            client.pipeline().remove(this);
        }
        List<ByteBuf> held = List.copyOf(data);
        data.clear();
        held.forEach(reading::onSourceData);
        if (ended) {
            reading.onSourceClosed();
        }
        return ended;
    }

    /** Releases what was held: the connection will not be made. */
    void discard() {
        data.forEach(ByteBuf::release);
        data.clear();
    }
}
