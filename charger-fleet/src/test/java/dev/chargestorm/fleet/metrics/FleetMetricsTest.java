package dev.chargestorm.fleet.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetMetricsTest {

    @Test
    void aDisruptionCoversEveryChargerThatWentDownUntilAllAreBack() {
        FleetMetrics metrics = new FleetMetrics(3, false);
        ChargerTrack[] tracks = {new ChargerTrack("A", "immediate"), new ChargerTrack("B", "immediate"),
            new ChargerTrack("C", "fixed:1s")};
        for (ChargerTrack track : tracks) {
            metrics.online(track);
        }
        // A and B drop; A returns before B, and C drops meanwhile: one disruption of three
        metrics.offline(tracks[0]);
        metrics.offline(tracks[1]);
        metrics.online(tracks[0]);
        metrics.offline(tracks[2]);
        metrics.online(tracks[1]);
        assertThat(metrics.recoveries()).last().satisfies(r -> {
            assertThat(r.affected()).isEqualTo(3);
            assertThat(r.recovered()).isEqualTo(2);
            assertThat(r.p100Millis()).isNull();
        });
        metrics.online(tracks[2]);
        assertThat(metrics.recoveries()).first().satisfies(r -> assertThat(r.kind()).isEqualTo("ramp"));
        assertThat(metrics.recoveries()).last().satisfies(r -> {
            assertThat(r.recovered()).isEqualTo(3);
            assertThat(r.p100Millis()).isNotNull();
        });
        assertThat(metrics.acceptedCount()).isEqualTo(3);
        assertThat(metrics.reconnectHistogram("immediate").getTotalCount()).isEqualTo(2);
        assertThat(metrics.reconnectHistogram("fixed:1s").getTotalCount()).isEqualTo(1);
    }

    @Test
    void listenersHearEveryEvent() {
        FleetMetrics metrics = new FleetMetrics(1, true);
        StringBuilder events = new StringBuilder();
        metrics.addListener(new FleetListener() {
            @Override
            public void chargerUp(String chargerId) {
                events.append("up ").append(chargerId).append(';');
            }

            @Override
            public void chargerDown(String chargerId) {
                events.append("down ").append(chargerId).append(';');
            }

            @Override
            public void acknowledged(String messageId) {
                events.append("ack ").append(messageId).append(';');
            }
        });
        ChargerTrack track = new ChargerTrack("CP-000001", "immediate");
        metrics.online(track);
        metrics.acknowledged("StopTransaction:CP-000001:7");
        metrics.offline(track);
        assertThat(events).hasToString("up CP-000001;ack StopTransaction:CP-000001:7;down CP-000001;");
        assertThat(metrics.acknowledgedIds()).containsExactly("StopTransaction:CP-000001:7");
    }
}
