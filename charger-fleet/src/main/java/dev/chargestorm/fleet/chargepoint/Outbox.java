package dev.chargestorm.fleet.chargepoint;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.chargestorm.fleet.metrics.ChargerTrack;
import dev.chargestorm.fleet.metrics.FleetMetrics;
import dev.chargestorm.fleet.ocpp.Frame;
import dev.chargestorm.fleet.ocpp.FrameCodec;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A charger's outgoing CALLs: one in flight, a timeout per CALL, other messages ahead of the offline queue of
 * transaction messages, which survives disconnects and replays in order. A transaction message that gets a CALLERROR
 * or times out is retried after {@code retryInterval * n} and discarded (counted) after its last attempt.
 * Confined to the charger's event loop.
 */
final class Outbox {

    /** How a CALL ended. Every message hears exactly one of these. */
    interface Reply {
        void result(ObjectNode payload);

        /** CALLERROR for a non-transaction message. */
        default void error(String code) {
        }

        /** No answer in time for a non-transaction message. */
        default void timeout() {
        }

        /** A non-transaction message dropped because the connection closed. */
        default void lost() {
        }

        /** A transaction message given up after its last attempt. */
        default void discarded() {
        }
    }

    /** One outgoing CALL; the payload is built when it is sent (a queued MeterValues learns its transactionId late). */
    static final class Message {
        final String action;
        final Supplier<@Nullable ObjectNode> payload;
        final boolean transactional;
        final boolean allowedBeforeAccepted;
        final Reply reply;
        int attempts;
        long notBeforeNanos;

        Message(String action, Supplier<@Nullable ObjectNode> payload, boolean transactional,
                boolean allowedBeforeAccepted, Reply reply) {
            this.action = action;
            this.payload = payload;
            this.transactional = transactional;
            this.allowedBeforeAccepted = allowedBeforeAccepted;
            this.reply = reply;
        }
    }

    private final String chargerId;
    private final EventLoop loop;
    private final FleetMetrics metrics;
    private final ChargerTrack track;
    private final long callTimeoutNanos;
    private final ArrayDeque<Message> urgent = new ArrayDeque<>(4);
    private final ArrayDeque<Message> transactions = new ArrayDeque<>(4);
    private @Nullable Channel channel;
    private boolean gateOpen;
    private @Nullable Message inFlight;
    private @Nullable String inFlightId;
    private @Nullable ScheduledFuture<?> timeout;
    private @Nullable ScheduledFuture<?> wakeUp;
    private long nextId;
    int attemptsLimit;
    long retryIntervalNanos;
    /** Runs after a CALL timed out and was dealt with (the persona may drop the connection). */
    Runnable afterTimeout = () -> {
    };

    Outbox(String chargerId, EventLoop loop, FleetMetrics metrics, ChargerTrack track, long callTimeoutNanos,
            int attemptsLimit, long retryIntervalNanos) {
        this.chargerId = chargerId;
        this.loop = loop;
        this.metrics = metrics;
        this.track = track;
        this.callTimeoutNanos = callTimeoutNanos;
        this.attemptsLimit = attemptsLimit;
        this.retryIntervalNanos = retryIntervalNanos;
    }

    void send(Message message) {
        if (message.transactional) {
            transactions.addLast(message);
            metrics.queued(track, 1);
        } else if (channel == null) {
            message.reply.lost();
            return;
        } else {
            urgent.addLast(message);
        }
        pump();
    }

    /** Whether normal traffic may flow (Accepted, or a persona that ignores Pending). */
    void gate(boolean open) {
        gateOpen = open;
        pump();
    }

    void opened(Channel newChannel) {
        channel = newChannel;
        pump();
    }

    /** The connection closed: the CALL in flight and the waiting non-transaction messages are lost. */
    void closed() {
        channel = null;
        gateOpen = false;
        cancel(timeout);
        Message lost = inFlight;
        inFlight = null;
        inFlightId = null;
        if (lost != null && !lost.transactional) {
            lost.reply.lost();
        }
        while (!urgent.isEmpty()) {
            urgent.pollFirst().reply.lost();
        }
    }

    int queued() {
        return transactions.size();
    }

    boolean idle() {
        return inFlight == null;
    }

    void onResult(Frame.CallResult result) {
        Message message = answered(result.uniqueId());
        if (message == null) {
            return;
        }
        if (message.transactional) {
            transactions.pollFirst();
            metrics.queued(track, -1);
        }
        message.reply.result(result.payload());
        pump();
    }

    void onError(Frame.CallError error) {
        Message message = answered(error.uniqueId());
        if (message == null) {
            return;
        }
        metrics.callError(error.errorCode());
        if (message.transactional) {
            failedAttempt(message);
        } else {
            message.reply.error(error.errorCode());
        }
        pump();
    }

    private void onTimeout(String uniqueId) {
        Message message = answered(uniqueId);
        if (message == null) {
            return;
        }
        metrics.callTimeout();
        if (message.transactional) {
            failedAttempt(message);
        } else {
            message.reply.timeout();
        }
        pump();
        afterTimeout.run();
    }

    private @Nullable Message answered(String uniqueId) {
        if (inFlight == null || !uniqueId.equals(inFlightId)) {
            return null;
        }
        cancel(timeout);
        timeout = null;
        Message message = inFlight;
        inFlight = null;
        inFlightId = null;
        return message;
    }

    private void failedAttempt(Message message) {
        message.attempts++;
        if (message.attempts >= attemptsLimit) {
            transactions.pollFirst();
            metrics.queued(track, -1);
            metrics.discarded(chargerId, message.action);
            message.reply.discarded();
        } else {
            metrics.retry();
            message.notBeforeNanos = System.nanoTime() + retryIntervalNanos * message.attempts;
        }
    }

    private void pump() {
        while (inFlight == null && channel != null) {
            Message next = null;
            for (Message candidate : urgent) {
                if (gateOpen || candidate.allowedBeforeAccepted) {
                    next = candidate;
                    break;
                }
            }
            if (next != null) {
                urgent.remove(next);
            } else if (gateOpen && !transactions.isEmpty()) {
                Message head = transactions.peekFirst();
                long wait = head.notBeforeNanos - System.nanoTime();
                if (wait > 0) {
                    scheduleWakeUp(wait);
                    return;
                }
                next = head;
            } else {
                return;
            }
            ObjectNode payload = next.payload.get();
            if (payload == null) {
                // a message whose transaction was never started (its StartTransaction was discarded)
                if (next.transactional) {
                    transactions.pollFirst();
                    metrics.queued(track, -1);
                    metrics.discarded(chargerId, next.action);
                    next.reply.discarded();
                }
                continue;
            }
            String id = Long.toString(++nextId, 36);
            inFlight = next;
            inFlightId = id;
            metrics.sent(next.action);
            channel.writeAndFlush(new TextWebSocketFrame(FrameCodec.encode(new Frame.Call(id, next.action, payload))));
            timeout = loop.schedule(() -> onTimeout(id), callTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void scheduleWakeUp(long nanos) {
        if (wakeUp != null && !wakeUp.isDone()) {
            return;
        }
        wakeUp = loop.schedule(() -> {
            wakeUp = null;
            pump();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    void stop() {
        cancel(timeout);
        cancel(wakeUp);
    }

    private static void cancel(@Nullable ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
