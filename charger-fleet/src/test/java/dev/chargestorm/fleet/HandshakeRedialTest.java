package dev.chargestorm.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.persona.Personas;
import dev.chargestorm.fleet.support.RefusingServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every persona redials after a refused handshake, at its own pace (a local server that only refuses). */
class HandshakeRedialTest {

    @Test
    void aFixedDelayChargerRedialsAfter503AtItsInterval() {
        try (RefusingServer server = RefusingServer.answering(503, "Service Unavailable", "10");
                Fleet fleet = Fleet.start(FleetSettings.builder(server.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:300ms")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.arrivals().size() >= 6);
            assertThat(fleet.metrics().connectOutcomeCount("http-503")).isGreaterThanOrEqualTo(5);
            assertThat(server.paths()).first().isEqualTo("/ocpp/CP-000001");
            List<Long> gaps = gapsMillis(server.arrivals());
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(280L, 2_000L));
        }
    }

    @Test
    void untilItsFirstAcceptedAnImmediateChargerRedialsAsTheRampSays() {
        try (RefusingServer server = RefusingServer.answering(503, "Service Unavailable", null);
                Fleet fleet = Fleet.start(FleetSettings.builder(server.url()).chargers(1)
                        .personas(PersonaMix.parse("immediate")).rampRedial(Personas.parseRedial("fixed:300ms"))
                        .build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.arrivals().size() >= 5);
            assertThat(gapsMillis(server.arrivals())).allSatisfy(gap -> assertThat(gap).isBetween(280L, 2_000L));
        }
    }

    @Test
    void aChargerThatHonoursRetryAfterWaitsAtLeastThatLong() {
        try (RefusingServer server = RefusingServer.answering(503, "Service Unavailable", "1");
                Fleet fleet = Fleet.start(FleetSettings.builder(server.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:100ms+honour-retry-after")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.arrivals().size() >= 3);
            assertThat(gapsMillis(server.arrivals())).allSatisfy(gap -> assertThat(gap).isBetween(950L, 3_000L));
        }
    }

    @Test
    void anImmediateChargerRedialsAfter429WithinMilliseconds() {
        try (RefusingServer server = RefusingServer.answering(429, "Too Many Requests", null);
                Fleet fleet = Fleet.start(FleetSettings.builder(server.url()).chargers(1).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.arrivals().size() >= 50);
            fleet.close();
            List<Long> gaps = gapsMillis(server.arrivals()).stream().sorted().toList();
            assertThat(gaps.get(gaps.size() / 2)).as("median gap between redials, ms").isLessThan(50);
            assertThat(fleet.metrics().connectOutcomeCount("http-429")).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void aChargerRedialsAfter404ForAnUnknownIdentityAndAvoidsTheZoneThatFailed() {
        try (RefusingServer unknown = RefusingServer.answering(404, "Not Found", null);
                RefusingServer busy = RefusingServer.answering(503, "Service Unavailable", null);
                Fleet fleet = Fleet.start(FleetSettings.builder(unknown.url(), busy.url()).chargers(1)
                        .personas(PersonaMix.parse("fixed:50ms")).build())) {
            // the server sees an attempt before the fleet has read and counted its 404: wait for both
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> unknown.arrivals().size() >= 5 && busy.arrivals().size() >= 5
                            && fleet.metrics().connectOutcomeCount("http-404") >= 5);
            fleet.close();
            // with two zones, each connect avoids the one that just failed: they alternate
            List<long[]> all = new ArrayList<>();
            unknown.arrivals().forEach(t -> all.add(new long[] {t, 0}));
            busy.arrivals().forEach(t -> all.add(new long[] {t, 1}));
            all.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i)[1]).as("zone of attempt %d", i).isNotEqualTo(all.get(i - 1)[1]);
            }
            assertThat(fleet.metrics().connectOutcomeCount("http-404")).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aRefusedConnectionIsRedialledToo() {
        URI closed = URI.create("ws://127.0.0.1:1/ocpp");
        try (Fleet fleet = Fleet.start(FleetSettings.builder(closed).chargers(2)
                .personas(PersonaMix.parse("fixed:100ms")).build())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.metrics().connectOutcomeCount("refused") >= 10);
            assertThat(fleet.failure()).isNotDone();
        }
    }

    private static List<Long> gapsMillis(List<Long> arrivals) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }
}
