package dev.chargestorm.fleet.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Start-up ramp and disruptions: a disruption starts when an online charger goes down while none is down, and ends
 * when every charger that went down meanwhile is online again.
 */
final class Disruptions {

    private static final int KEEP = 50;

    private final Recovery ramp;
    private @Nullable Recovery current;
    private final Deque<Recovery> finished = new ArrayDeque<>();

    Disruptions(int size, long startEpochMillis, long startNanos) {
        ramp = new Recovery(startEpochMillis, startNanos);
        ramp.affected = size;
    }

    synchronized void down(ChargerTrack track, long nowNanos) {
        if (current == null) {
            current = new Recovery(System.currentTimeMillis(), nowNanos);
        }
        if (track.episode != current) {
            track.episode = current;
            track.recovered = false;
            current.affected++;
        }
        current.downNow++;
    }

    synchronized void up(ChargerTrack track, long nowNanos) {
        if (!track.everOnline) {
            track.everOnline = true;
            ramp.up(nowNanos);
        }
        Recovery episode = track.episode;
        if (episode == null || episode != current) {
            return;
        }
        episode.downNow--;
        if (!track.recovered) {
            track.recovered = true;
            episode.up(nowNanos);
        }
        if (episode.downNow <= 0) {
            finished.addLast(episode);
            if (finished.size() > KEEP) {
                finished.removeFirst();
            }
            current = null;
        }
    }

    synchronized List<RecoveryStats> stats() {
        List<RecoveryStats> all = new ArrayList<>();
        all.add(ramp.stats("ramp"));
        for (Recovery episode : finished) {
            all.add(episode.stats("disruption"));
        }
        if (current != null) {
            all.add(current.stats("disruption"));
        }
        return all;
    }

    synchronized RecoveryStats rampStats() {
        return ramp.stats("ramp");
    }
}
