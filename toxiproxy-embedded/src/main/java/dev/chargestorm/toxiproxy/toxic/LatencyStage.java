package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code latency}: each chunk goes out at its receive time plus {@code latency + uniform[-jitter, +jitter)}, in order;
 * chunks are pipelined (the delay counts from receipt, not from the previous send). The emitted chunk's timestamp moves
 * by the delay, so a second latency toxic adds its own delay. Interrupting sends the held chunk at once.
 */
final class LatencyStage extends Stage {

    private long headDelayNanos;
    private boolean headDelayChosen;

    LatencyStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void process() {
        while (!queue.isEmpty() && !timerPending() && !closed) {
            Object head = queue.peek();
            if (head == EOF) {
                emit(queue.poll());
                return;
            }
            Chunk chunk = (Chunk) head;
            if (!headDelayChosen) {
                headDelayNanos = delayNanos();
                headDelayChosen = true;
            }
            long due = chunk.receivedAtNanos() + Math.max(headDelayNanos, 0);
            long wait = due - now();
            if (wait <= 0) {
                sendHead();
            } else {
                schedule(wait, this::onDue);
            }
        }
    }

    private void onDue() {
        sendHead();
        pump();
    }

    private void sendHead() {
        Chunk chunk = (Chunk) queue.poll();
        long shift = Math.max(headDelayNanos, 0);
        headDelayChosen = false;
        emit(new Chunk(chunk.data(), chunk.receivedAtNanos() + shift));
    }

    @Override
    void interrupt() {
        if (headDelayChosen && queue.peek() instanceof Chunk) {
            sendHead();
        }
        headDelayChosen = false;
    }

    private long delayNanos() {
        ToxicSettings.Latency settings = (ToxicSettings.Latency) toxic.settings();
        long latency = settings.latency().toMillis();
        long jitter = settings.jitter().toMillis();
        long delayMillis = latency;
        if (jitter > 0) {
            long span = jitter > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * jitter;
            delayMillis = saturatedAdd(latency, context.random().nextLong(span) - jitter);
        }
        if (delayMillis <= 0) {
            return 0;
        }
        return delayMillis > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : delayMillis * 1_000_000;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
