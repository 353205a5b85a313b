package dev.chargestorm.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/** A piece of data read from a socket, stamped with the {@link System#nanoTime()} it was received at. */
public record Chunk(ByteBuf data, long receivedAtNanos) {

    int size() {
        return data.readableBytes();
    }
}
