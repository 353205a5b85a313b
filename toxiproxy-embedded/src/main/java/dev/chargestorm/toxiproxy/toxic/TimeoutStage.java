package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code timeout}: drops every chunk. With a positive timeout it closes the link after that long <em>without data</em>
 * (an idle timer restarted by every chunk and every restart); with 0 it holds the connection open forever. Removing
 * the toxic closes the link, even where the toxicity roll made it a no-op (Toxiproxy's cleanup hook).
 */
final class TimeoutStage extends Stage {

    TimeoutStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void onStart() {
        armIdleTimer();
    }

    @Override
    void process() {
        Object item;
        while (!closed && (item = queue.poll()) != null) {
            if (item == EOF) {
                closeLink();
                return;
            }
            ((Chunk) item).data().release();
            armIdleTimer();
        }
    }

    private void armIdleTimer() {
        if (!active) {
            return;
        }
        long timeout = nanos(((ToxicSettings.Timeout) toxic.settings()).timeout());
        if (timeout > 0) {
            schedule(timeout, this::closeLink);
        } else {
            cancelTimer();
        }
    }

    @Override
    void drainForRemoval() {
        super.drainForRemoval();
        closeLink();
    }
}
