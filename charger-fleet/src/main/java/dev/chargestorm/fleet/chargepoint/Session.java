package dev.chargestorm.fleet.chargepoint;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/** One charging session on one connector; confined to the charger's event loop. */
final class Session {

    final int connectorId;
    final String idTag;
    final long startedNanos;
    final long meterStart;
    long meterWh;
    @Nullable Integer transactionId;
    boolean transactionBegun;
    boolean startDiscarded;
    boolean stopping;
    @Nullable ScheduledFuture<?> meterTimer;
    @Nullable ScheduledFuture<?> stopTimer;

    Session(int connectorId, String idTag, long startedNanos, long meterStart) {
        this.connectorId = connectorId;
        this.idTag = idTag;
        this.startedNanos = startedNanos;
        this.meterStart = meterStart;
        this.meterWh = meterStart;
    }

    void cancelTimers() {
        if (meterTimer != null) {
            meterTimer.cancel(false);
        }
        if (stopTimer != null) {
            stopTimer.cancel(false);
        }
    }
}
