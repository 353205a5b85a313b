package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;

/** Where a stage (or the source socket) sends its data: the next stage, or the sink writing to the peer socket. */
@API(status = API.Status.INTERNAL)
public interface Receiver {

    /** Takes ownership of the chunk's buffer. */
    void onChunk(Chunk chunk);

    /** The end of the stream: the receiver closes (no half-close in Toxiproxy). */
    void onEof();
}
