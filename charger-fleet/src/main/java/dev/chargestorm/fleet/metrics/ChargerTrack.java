package dev.chargestorm.fleet.metrics;

import org.jspecify.annotations.Nullable;

/** A charger's place in the fleet's recovery bookkeeping; owned by the charger, read and written by {@link FleetMetrics}. */
public final class ChargerTrack {

    final String chargerId;
    final String persona;
    @Nullable Recovery episode;
    boolean recovered;
    boolean everOnline;
    long downSinceNanos;
    int queued;

    public ChargerTrack(String chargerId, String persona) {
        this.chargerId = chargerId;
        this.persona = persona;
    }
}
