package dev.chargestorm.toxiproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects one socket of a proxied connection to the link that reads it and the link that writes to it. */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Connection connection;
    private final Link reading;
    private final Link writing;

    RelayHandler(Connection connection, Link reading, Link writing) {
        this.connection = connection;
        this.reading = reading;
        this.writing = writing;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading.onSourceData((ByteBuf) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reading.onSourceClosed();
        connection.channelClosed();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writing.maybeRead();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("proxy {}: closing {} after {}", connection.proxyName(), ctx.channel(), cause.toString());
        ctx.close();
    }
}
