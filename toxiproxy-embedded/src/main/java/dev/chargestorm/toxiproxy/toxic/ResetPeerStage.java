package dev.chargestorm.toxiproxy.toxic;

/**
 * {@code reset_peer}: waits for the first input on the link (a chunk, which is dropped, or the end of stream), then
 * after {@code timeout} closes the link. The connection's sockets were given {@code SO_LINGER=0} when it was opened
 * while a reset_peer toxic existed, so that close is a TCP RST; otherwise it is a plain FIN, as in Toxiproxy.
 */
final class ResetPeerStage extends Stage {

    private boolean triggered;

    ResetPeerStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void onStart() {
        if (triggered) {
            scheduleReset(); // Toxiproxy's sleep cannot be interrupted: a restart does not cancel a pending reset
        }
    }

    @Override
    void process() {
        Object item;
        while (!closed && (item = queue.poll()) != null) {
            if (item instanceof Chunk chunk) {
                chunk.data().release();
            }
            if (!triggered) {
                triggered = true;
                scheduleReset();
            }
        }
    }

    private void scheduleReset() {
        schedule(nanos(((ToxicSettings.ResetPeer) toxic.settings()).timeout()), this::closeLink);
    }

    @Override
    void drainForRemoval() {
        super.drainForRemoval();
        if (triggered) {
            closeLink();
        }
    }
}
