package dev.chargestorm.fleet.cli;

import java.util.Locale;

import dev.chargestorm.fleet.metrics.FleetSnapshot;

/** Formats the live progress line: connected / target, connects/s, boot p99, session starts. */
final class ProgressLine {

    private long previousAttempts;
    private long previousMillis;

    String format(FleetSnapshot s) {
        long elapsed = Math.max(1, s.elapsedMillis() - previousMillis);
        double perSecond = (s.connectAttempts() - previousAttempts) * 1000.0 / elapsed;
        previousAttempts = s.connectAttempts();
        previousMillis = s.elapsedMillis();
        long seconds = s.elapsedMillis() / 1000;
        return String.format(Locale.ROOT,
                "[%02d:%02d:%02d] connected %,d/%,d  accepted %,d  connects/s %,.0f  boot p99 %,d ms  "
                        + "sessions ok %,d failed %,d  queued %,d  discarded %,d  timeouts %,d",
                seconds / 3600, seconds / 60 % 60, seconds % 60, s.connected(), s.size(), s.accepted(), perSecond,
                s.bootP99Millis(), s.sessionsOk(), s.sessionsFailed(), s.queueDepth(), s.discarded(),
                s.callTimeouts());
    }
}
