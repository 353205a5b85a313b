package dev.chargestorm.fleet.metrics;

import java.util.Arrays;

/**
 * One recovery: the chargers affected by a disruption (or the fleet at start-up) and when each came back online.
 * Not thread-safe; {@link Disruptions} guards it.
 */
final class Recovery {

    final long startEpochMillis;
    final long startNanos;
    int affected;
    int downNow;
    long[] upOffsetsMillis = new long[16];
    int ups;

    Recovery(long startEpochMillis, long startNanos) {
        this.startEpochMillis = startEpochMillis;
        this.startNanos = startNanos;
    }

    void up(long nowNanos) {
        if (ups == upOffsetsMillis.length) {
            upOffsetsMillis = Arrays.copyOf(upOffsetsMillis, ups * 2);
        }
        upOffsetsMillis[ups++] = (nowNanos - startNanos) / 1_000_000;
    }

    RecoveryStats stats(String kind) {
        long[] sorted = Arrays.copyOf(upOffsetsMillis, ups);
        Arrays.sort(sorted);
        return RecoveryStats.of(kind, startEpochMillis, affected, sorted);
    }
}
