package dev.chargestorm.fleet.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events line round-trips, and anything else on a child's stdout is named, not dropped. */
class ChildProtocolTest {

    @Test
    void eventsRoundTrip() {
        ChildProtocol.Events events = new ChildProtocol.Events(List.of("+CP-000001", "-CP-000002", "+CP-000002"),
                new ChildProtocol.Gauges(3, 2, 1), List.of("StopTransaction:CP-000001:7"),
                List.of(new ChildProtocol.Discard("CP-000003", "MeterValues")),
                List.of(new ChildProtocol.SessionStart(true, 12_345_678L), new ChildProtocol.SessionStart(false, 0)));

        assertThat(ChildProtocol.parse(ChildProtocol.events(events))).isEqualTo(events);
    }

    @Test
    void unchangedGaugesAreLeftOut() {
        ChildProtocol.Events events = new ChildProtocol.Events(List.of(), null, List.of("a"), List.of(), List.of());

        assertThat(ChildProtocol.events(events)).doesNotContain("gauges");
        assertThat(ChildProtocol.parse(ChildProtocol.events(events))).isEqualTo(events);
    }

    @Test
    void malformedLinesAreErrorsThatQuoteTheLine() {
        assertThatThrownBy(() -> ChildProtocol.parse("[0.004s][info][gc] Using Serial"))
                .isInstanceOf(ChildProtocol.MalformedLineException.class)
                .hasMessage("not a fleet child protocol line (not a JSON object): '[0.004s][info][gc] Using Serial'");
        assertThatThrownBy(() -> ChildProtocol.parse("{\"type\":\"progress\""))
                .hasMessageStartingWith("not a fleet child protocol line (invalid JSON: ");
        assertThatThrownBy(() -> ChildProtocol.parse("{\"type\":\"hello\"}"))
                .hasMessage("not a fleet child protocol line (unknown type 'hello'): '{\"type\":\"hello\"}'");
        assertThatThrownBy(() -> ChildProtocol.parse("{\"type\":\"events\",\"connections\":[\"CP-1\"],"
                + "\"acknowledged\":[],\"discarded\":[],\"sessionStarts\":[]}"))
                .hasMessageContaining("a connection event must be +id or -id but was 'CP-1'");
        assertThatThrownBy(() -> ChildProtocol.parse("{\"type\":\"events\",\"connections\":[],\"gauges\":[1,2],"
                + "\"acknowledged\":[],\"discarded\":[],\"sessionStarts\":[]}"))
                .hasMessageContaining("gauges must be [size, connected, accepted]");
        assertThatThrownBy(() -> ChildProtocol.parse("{\"type\":\"events\",\"connections\":[]}"))
                .hasMessageContaining("'discarded' must be an array");
    }

    @Test
    void theRelayBatchesAndSkipsEmptyIntervals() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (EventRelay relay = EventRelay.start(lines::add, Duration.ofHours(1))) {
            relay.flush();
            assertThat(lines).as("nothing happened, nothing written").isEmpty();
            relay.chargerUp("CP-000001");
            relay.gauges(1, 1, 1);
            relay.sessionStart(true, 5);
            relay.flush();
            relay.gauges(1, 1, 1);
            relay.flush();
            assertThat(lines).as("unchanged gauges alone are no batch").hasSize(1);
            relay.acknowledged("StopTransaction:CP-000001:1");
        }
        assertThat(lines).hasSize(2);
        assertThat(ChildProtocol.parse(lines.get(0))).isEqualTo(new ChildProtocol.Events(List.of("+CP-000001"),
                new ChildProtocol.Gauges(1, 1, 1), List.of(), List.of(), List.of(new ChildProtocol.SessionStart(true,
                5))));
        assertThat(ChildProtocol.parse(lines.get(1))).isEqualTo(new ChildProtocol.Events(List.of(), null,
                List.of("StopTransaction:CP-000001:1"), List.of(), List.of()));
    }
}
