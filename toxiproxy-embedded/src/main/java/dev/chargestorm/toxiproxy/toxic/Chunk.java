package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import io.netty.buffer.ByteBuf;

/** A piece of data read from a socket, stamped with the {@link System#nanoTime()} it was received at. */
@API(status = API.Status.INTERNAL)
public record Chunk(ByteBuf data, long receivedAtNanos) {

    int size() {
        return data.readableBytes();
    }
}
