package dev.chargestorm.toxiproxy.proxy;

import dev.chargestorm.toxiproxy.toxic.Chunk;
import dev.chargestorm.toxiproxy.toxic.Receiver;
import dev.chargestorm.toxiproxy.toxic.StageContext;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicChain;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.List;

/**
 * One direction of a proxied connection: reads chunks from {@code source}, passes them through the toxic chain and
 * writes what comes out to {@code destination}. Backpressure: the next read is requested only while the chain holds
 * little (Toxiproxy's stages are unbuffered, latency's holds up to 1024 chunks) and the destination is writable. At the
 * end of stream the destination is fully closed (no half-close). Runs on the connection's event loop.
 */
final class Link implements Receiver {

    private static final int MAX_CHUNKS = 16;
    private static final long MAX_BYTES = 256 * 1024;
    private static final int MAX_PIPELINED_CHUNKS = 1024;
    private static final long MAX_PIPELINED_BYTES = 32L * 1024 * 1024;

    private final Channel source;
    private final Channel destination;
    private final ToxicChain chain;
    private final ChannelFutureListener afterWrite = this::afterWrite;
    private boolean sourceEnded;
    private boolean destinationClosed;
    private long received;
    private long sent;

    Link(Channel source, Channel destination, List<Toxic> toxics, StageContext context) {
        this.source = source;
        this.destination = destination;
        this.chain = new ToxicChain(toxics, context, this);
    }

    ToxicChain chain() {
        return chain;
    }

    void onSourceData(ByteBuf data) {
        received += data.readableBytes();
        chain.onChunk(new Chunk(data, System.nanoTime()));
        maybeRead();
    }

    void onSourceClosed() {
        if (!sourceEnded) {
            sourceEnded = true;
            chain.onEof();
        }
    }

    void maybeRead() {
        if (sourceEnded || !source.isActive() || destinationClosed || !destination.isActive()
                || !destination.isWritable()) {
            return;
        }
        boolean pipelines = chain.pipelines();
        if (chain.bufferedChunks() < (pipelines ? MAX_PIPELINED_CHUNKS : MAX_CHUNKS)
                && chain.bufferedBytes() < (pipelines ? MAX_PIPELINED_BYTES : MAX_BYTES)) {
            source.read();
        }
    }

    @Override
    public void onChunk(Chunk chunk) {
        if (destinationClosed || !destination.isActive()) {
            chunk.data().release();
            return;
        }
        sent += chunk.data().readableBytes();
        destination.writeAndFlush(chunk.data()).addListener(afterWrite);
    }

    @Override
    public void onEof() {
        if (destinationClosed) {
            return;
        }
        destinationClosed = true;
        destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void afterWrite(ChannelFuture write) {
        if (!write.isSuccess()) {
            write.channel().close();
            return;
        }
        maybeRead();
    }

    long received() {
        return received;
    }

    long sent() {
        return sent;
    }

    void dispose() {
        chain.dispose();
    }
}
