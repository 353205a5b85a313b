package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code limit_data}: lets {@code bytes} bytes through on this link, then closes it. The count survives restarts
 * (updates, chain changes) of the stage; a new connection starts from 0. A limit of 0 closes on the first chunk.
 */
final class LimitDataStage extends Stage {

    private long transmitted;

    LimitDataStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void process() {
        long limit = ((ToxicSettings.LimitData) toxic.settings()).bytes();
        Object item;
        while (!closed && (item = queue.poll()) != null) {
            if (item == EOF) {
                emit(item);
                return;
            }
            Chunk chunk = (Chunk) item;
            long remaining = Math.max(0, limit - transmitted);
            if (chunk.size() > remaining) {
                chunk.data().writerIndex(chunk.data().readerIndex() + (int) remaining);
            }
            int size = chunk.size();
            transmitted += size;
            if (size > 0) {
                emit(chunk);
            } else {
                chunk.data().release();
            }
            if (limit - transmitted <= 0) {
                closeLink();
            }
        }
    }
}
