package dev.chargestorm.toxiproxy.toxic;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * {@code slicer}: splits each chunk by recursive halving into pieces of about {@code average_size} bytes (the midpoint
 * moved by {@code uniform[-size_variation, +size_variation)}), and waits {@code delay} after every piece, the last one
 * included. Interrupting sends the rest of the current chunk as one piece.
 */
final class SlicerStage extends Stage {

    private @Nullable ArrayDeque<Integer> pieces;

    SlicerStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void process() {
        ToxicSettings.Slicer settings = (ToxicSettings.Slicer) toxic.settings();
        long delay = nanos(settings.delay());
        while (!queue.isEmpty() && !timerPending() && !closed) {
            Object head = queue.peek();
            if (head == EOF) {
                emit(queue.poll());
                return;
            }
            Chunk chunk = (Chunk) head;
            if (pieces == null) {
                pieces = new ArrayDeque<>();
                split(0, chunk.size(), settings.averageSize(), settings.sizeVariation(), pieces);
            }
            int size = pieces.poll();
            if (pieces.isEmpty()) {
                pieces = null;
                emit(queue.poll());
            } else {
                emit(new Chunk(chunk.data().readRetainedSlice(size), chunk.receivedAtNanos()));
            }
            if (delay > 0) {
                schedule(delay, this::pump);
                return;
            }
        }
    }

    @Override
    void interrupt() {
        if (pieces != null && queue.peek() instanceof Chunk) {
            emit(queue.poll());
        }
        pieces = null;
    }

    private void split(int start, int end, long average, long variation, ArrayDeque<Integer> into) {
        if ((end - start) - average <= variation) {
            into.add(end - start);
            return;
        }
        long mid = start + (end - start) / 2;
        if (variation > 0) {
            mid += context.random().nextLong(2 * variation) - variation;
        }
        // With 0 <= variation < average (validated) mid stays strictly inside; clamp anyway, never crash.
        int middle = (int) Math.max(start + 1, Math.min(end - 1, mid));
        split(start, middle, average, variation, into);
        split(middle, end, average, variation, into);
    }
}
