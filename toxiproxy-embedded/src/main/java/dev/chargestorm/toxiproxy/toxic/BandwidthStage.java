package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code bandwidth}: limits throughput to {@code rate} KB/s (bytes per millisecond), following Toxiproxy's algorithm:
 * a sleep budget grows by {@code len / rate} ms per chunk; chunks bigger than 100 ms worth are sent in 100 ms slices.
 * A rate of 0 holds data (the Testcontainers "cut connection") until the toxic is updated or removed.
 */
final class BandwidthStage extends Stage {

    private static final long SLICE_NANOS = 100_000_000L;

    private long sleepNanos;
    private boolean headCharged;

    BandwidthStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void onStart() {
        sleepNanos = 0;
        headCharged = false;
    }

    @Override
    void process() {
        long rate = ((ToxicSettings.Bandwidth) toxic.settings()).rate().bytesPerMillisecond();
        while (!queue.isEmpty() && !timerPending() && !closed) {
            Object head = queue.peek();
            if (head == EOF) {
                emit(queue.poll());
                return;
            }
            if (rate <= 0) {
                return; // blackhole: hold until removed or updated
            }
            Chunk chunk = (Chunk) head;
            if (!headCharged) {
                sleepNanos += nanosFor(chunk.size(), rate);
                headCharged = true;
            }
            long sliceBytes = rate > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : rate * 100;
            if (chunk.size() > sliceBytes) {
                schedule(SLICE_NANOS, () -> {
                    emit(new Chunk(chunk.data().readRetainedSlice((int) sliceBytes), chunk.receivedAtNanos()));
                    sleepNanos -= SLICE_NANOS;
                    pump();
                });
                return;
            }
            if (sleepNanos > 0) {
                long started = now();
                schedule(sleepNanos, () -> {
                    sleepNanos -= now() - started;
                    sendHead();
                    pump();
                });
                return;
            }
            sendHead();
        }
    }

    private void sendHead() {
        headCharged = false;
        emit(queue.poll());
    }

    @Override
    void interrupt() {
        if (queue.peek() instanceof Chunk) {
            sendHead();
        }
        headCharged = false;
    }

    private static long nanosFor(int bytes, long bytesPerMilli) {
        // bytes / rate milliseconds, in nanoseconds, without overflow for any int size
        return (long) ((double) bytes * 1_000_000d / bytesPerMilli);
    }
}
