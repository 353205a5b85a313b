package dev.chargestorm.fleet.metrics;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How fast chargers came back after a disruption (or connected at start-up): the time from the start until 50, 95, 99
 * and 100 % of the affected chargers were online again. A null time: not reached (yet).
 *
 * @param kind {@code ramp} (start-up) or {@code disruption}
 * @param startEpochMillis when the first charger went down (or the fleet started)
 * @param affected chargers that went down (or the fleet size)
 * @param recovered chargers back online
 * @param upOffsetsMillis each recovered charger's time back, sorted, in ms after the start
 */
public record RecoveryStats(String kind, long startEpochMillis, int affected, int recovered, @Nullable Long p50Millis,
        @Nullable Long p95Millis, @Nullable Long p99Millis, @Nullable Long p100Millis, long[] upOffsetsMillis) {

    static RecoveryStats of(String kind, long startEpochMillis, int affected, long[] sortedOffsets) {
        return new RecoveryStats(kind, startEpochMillis, affected, sortedOffsets.length,
                at(sortedOffsets, affected, 0.50), at(sortedOffsets, affected, 0.95), at(sortedOffsets, affected, 0.99),
                at(sortedOffsets, affected, 1.0), sortedOffsets);
    }

    private static @Nullable Long at(long[] sorted, int affected, double share) {
        int needed = (int) Math.ceil(share * affected);
        if (needed <= 0 || needed > sorted.length) {
            return null;
        }
        return sorted[needed - 1];
    }

    /**
     * Recoveries of several fleet processes that overlap in time, as one (absolute times kept).
     */
    public static List<RecoveryStats> merge(List<RecoveryStats> all) {
        List<RecoveryStats> sorted = all.stream()
                .sorted(java.util.Comparator.comparingLong(RecoveryStats::startEpochMillis)).toList();
        List<RecoveryStats> merged = new java.util.ArrayList<>();
        RecoveryStats group = null;
        for (RecoveryStats next : sorted) {
            if (group != null && group.kind.equals(next.kind) && next.startEpochMillis <= group.endEpochMillis() + 1000) {
                group = combine(group, next);
            } else {
                if (group != null) {
                    merged.add(group);
                }
                group = next;
            }
        }
        if (group != null) {
            merged.add(group);
        }
        return merged;
    }

    private long endEpochMillis() {
        return startEpochMillis + (upOffsetsMillis.length == 0 ? 0 : upOffsetsMillis[upOffsetsMillis.length - 1]);
    }

    private static RecoveryStats combine(RecoveryStats a, RecoveryStats b) {
        long start = Math.min(a.startEpochMillis, b.startEpochMillis);
        long[] offsets = new long[a.upOffsetsMillis.length + b.upOffsetsMillis.length];
        int i = 0;
        for (long offset : a.upOffsetsMillis) {
            offsets[i++] = offset + a.startEpochMillis - start;
        }
        for (long offset : b.upOffsetsMillis) {
            offsets[i++] = offset + b.startEpochMillis - start;
        }
        Arrays.sort(offsets);
        return of(a.kind, start, a.affected + b.affected, offsets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecoveryStats that && kind.equals(that.kind)
                && startEpochMillis == that.startEpochMillis && affected == that.affected
                && Arrays.equals(upOffsetsMillis, that.upOffsetsMillis);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startEpochMillis) * 31 + affected;
    }

    @Override
    public String toString() {
        return "%s at %d: %d of %d back, p50 %s ms, p95 %s ms, p99 %s ms, all %s ms".formatted(kind, startEpochMillis,
                recovered, affected, p50Millis, p95Millis, p99Millis, p100Millis);
    }
}
