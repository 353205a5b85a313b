package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code slow_close}: data passes untouched; the end of stream is held for {@code delay}. A restart waits the full
 * delay again; removal closes at once.
 */
final class SlowCloseStage extends Stage {

    SlowCloseStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void process() {
        while (!queue.isEmpty() && !timerPending() && !closed) {
            if (queue.peek() == EOF) {
                long delay = nanos(((ToxicSettings.SlowClose) toxic.settings()).delay());
                schedule(delay, () -> emit(queue.poll()));
                return;
            }
            emit(queue.poll());
        }
    }
}
