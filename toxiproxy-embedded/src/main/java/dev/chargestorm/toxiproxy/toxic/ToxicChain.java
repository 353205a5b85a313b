package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import java.util.ArrayList;
import java.util.List;

/**
 * The toxics of one link (one connection, one direction), in the order they were added, in front of a sink that
 * writes to the destination socket. Changes apply to the open link at once and never drop data held by a stage:
 * adding restarts (and re-rolls) the previously last stage, removing drains the removed stage into its successor and
 * restarts its predecessor, updating restarts the stage with the new settings. Not thread-safe: every call must run
 * on the link's event loop.
 */
@API(status = API.Status.INTERNAL)
public final class ToxicChain {

    private final StageContext context;
    private final Receiver sink;
    private final List<Stage> stages = new ArrayList<>();

    public ToxicChain(List<Toxic> toxics, StageContext context, Receiver sink) {
        this.context = context;
        this.sink = sink;
        for (Toxic toxic : toxics) {
            Stage stage = newStage(toxic, sink);
            if (!stages.isEmpty()) {
                stages.getLast().out = stage;
            }
            stages.add(stage);
        }
        for (Stage stage : stages) {
            stage.start();
        }
    }

    /** Data read from the source socket. */
    public void onChunk(Chunk chunk) {
        head().onChunk(chunk);
    }

    /** The source socket closed. */
    public void onEof() {
        head().onEof();
    }

    private Receiver head() {
        return stages.isEmpty() ? sink : stages.getFirst();
    }

    public void add(Toxic toxic) {
        Stage stage = newStage(toxic, sink);
        Stage previous = stages.isEmpty() ? null : stages.getLast();
        if (previous != null) {
            previous.out = stage;
        }
        stages.add(stage);
        stage.start();
        if (previous != null) {
            previous.restart(previous.toxic);
        }
    }

    public void update(Toxic toxic) {
        for (Stage stage : stages) {
            if (stage.toxic.id() == toxic.id()) {
                stage.restart(toxic);
                return;
            }
        }
    }

    public void remove(long toxicId) {
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (stage.toxic.id() == toxicId) {
                stage.drainForRemoval();
                Stage previous = i > 0 ? stages.get(i - 1) : null;
                if (previous != null) {
                    previous.out = stage.out;
                }
                stages.remove(i);
                stage.dispose();
                if (previous != null) {
                    previous.restart(previous.toxic);
                }
                return;
            }
        }
    }

    /** Bytes held by the stages (not yet handed to the sink). */
    public long bufferedBytes() {
        long bytes = 0;
        for (Stage stage : stages) {
            bytes += stage.queuedBytes();
        }
        return bytes;
    }

    /** Chunks held by the stages. */
    public int bufferedChunks() {
        int chunks = 0;
        for (Stage stage : stages) {
            chunks += stage.queue.size();
        }
        return chunks;
    }

    /** Whether a latency stage is in the chain: it pipelines, so the link may read ahead (Toxiproxy buffers 1024). */
    public boolean pipelines() {
        for (Stage stage : stages) {
            if (stage instanceof LatencyStage) {
                return true;
            }
        }
        return false;
    }

    /** Cancels every timer and releases every held buffer. */
    public void dispose() {
        for (Stage stage : stages) {
            stage.dispose();
        }
        stages.clear();
    }

    private Stage newStage(Toxic toxic, Receiver out) {
        return switch (toxic.type()) {
            case LATENCY -> new LatencyStage(toxic, context, out);
            case BANDWIDTH -> new BandwidthStage(toxic, context, out);
            case SLOW_CLOSE -> new SlowCloseStage(toxic, context, out);
            case TIMEOUT -> new TimeoutStage(toxic, context, out);
            case SLICER -> new SlicerStage(toxic, context, out);
            case LIMIT_DATA -> new LimitDataStage(toxic, context, out);
            case RESET_PEER -> new ResetPeerStage(toxic, context, out);
            case NOOP -> new NoopStage(toxic, context, out);
        };
    }
}
