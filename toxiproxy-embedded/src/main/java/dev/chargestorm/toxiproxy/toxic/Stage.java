package dev.chargestorm.toxiproxy.toxic;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One toxic's per-link state, the Java counterpart of Toxiproxy's {@code ToxicStub}. Items (chunks and an end marker)
 * queue in order; {@link #process()} moves them on as the toxic's semantics allow. All methods run on the link's event
 * loop. When the toxicity roll fails, the stage passes everything through until it is restarted.
 */
abstract class Stage implements Receiver {

    /** The end-of-stream marker in the queue. */
    static final Object EOF = new Object();

    /** Longest delay ever scheduled; longer ones (up to Long.MAX_VALUE ms on the wire) wait this long. */
    private static final long MAX_DELAY_NANOS = TimeUnit.DAYS.toNanos(365);

    final StageContext context;
    final ArrayDeque<Object> queue = new ArrayDeque<>();
    Toxic toxic;
    Receiver out;
    boolean active;
    /** This stage has sent the end of stream; anything after it is dropped. */
    boolean closed;
    private boolean disposed;
    private @Nullable ScheduledFuture<?> timer;

    Stage(Toxic toxic, StageContext context, Receiver out) {
        this.toxic = toxic;
        this.context = context;
        this.out = out;
    }

    /** Rolls the toxicity and starts processing. */
    final void start() {
        active = roll();
        onStart();
        pump();
    }

    /** Interrupts the stage (it flushes what it holds), applies new settings, re-rolls and starts again. */
    final void restart(Toxic updated) {
        cancelTimer();
        if (!closed) {
            interrupt();
        }
        toxic = updated;
        start();
    }

    /** The toxic is being removed: flush everything held to {@link #out}, without delay, in order. */
    void drainForRemoval() {
        cancelTimer();
        if (!closed) {
            interrupt();
        }
        passAll();
    }

    /** Releases everything held; the link is gone. */
    final void dispose() {
        disposed = true;
        cancelTimer();
        for (Object item : queue) {
            if (item instanceof Chunk chunk) {
                chunk.data().release();
            }
        }
        queue.clear();
    }

    @Override
    public final void onChunk(Chunk chunk) {
        if (closed || disposed) {
            chunk.data().release();
            return;
        }
        queue.add(chunk);
        pump();
    }

    @Override
    public final void onEof() {
        if (closed || disposed) {
            return;
        }
        queue.add(EOF);
        pump();
    }

    final void pump() {
        if (closed || disposed) {
            return;
        }
        if (!active) {
            passAll();
        } else {
            process();
        }
    }

    /** Moves queued items on while the toxic allows it (only called while active and not closed). */
    abstract void process();

    /** Hook when the stage (re)starts, after the roll. */
    void onStart() {
    }

    /** Flushes the item in progress at once (latency's held chunk, bandwidth's and slicer's remainder). */
    void interrupt() {
    }

    final void passAll() {
        while (!queue.isEmpty() && !closed) {
            emit(queue.poll());
        }
    }

    final void emit(Object item) {
        if (item == EOF) {
            closed = true;
            releaseQueue();
            out.onEof();
        } else {
            out.onChunk((Chunk) item);
        }
    }

    /** Closes the link from this stage: drops what is queued here and sends the end of stream. */
    final void closeLink() {
        if (closed) {
            return;
        }
        cancelTimer();
        emit(EOF);
    }

    private void releaseQueue() {
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof Chunk chunk) {
                chunk.data().release();
            }
        }
    }

    final boolean timerPending() {
        return timer != null;
    }

    final void schedule(long delayNanos, Runnable action) {
        cancelTimer();
        long bounded = Math.min(Math.max(delayNanos, 0), MAX_DELAY_NANOS);
        timer = context.executor().schedule(() -> {
            timer = null;
            if (!disposed) {
                action.run();
            }
        }, bounded, TimeUnit.NANOSECONDS);
    }

    final void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    final boolean roll() {
        // Always draw, so that the sequence of draws (and so a seeded run) does not depend on the toxicity value.
        float draw = context.random().nextFloat();
        return draw < toxic.toxicity();
    }

    long queuedBytes() {
        long bytes = 0;
        for (Object item : queue) {
            if (item instanceof Chunk chunk) {
                bytes += chunk.size();
            }
        }
        return bytes;
    }

    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long now() {
        return System.nanoTime();
    }
}
