package dev.chargestorm.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.fleet.chargepoint.Behaviour;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FleetSettingsTest {

    private static final URI URL = URI.create("ws://127.0.0.1:8080/ocpp");

    @Test
    void aBuilderIsImmutable() {
        // GIVEN
        FleetSettings.Builder base = FleetSettings.builder(URL).idPrefix("BASE-");
        // WHEN
        FleetSettings.Builder bigger = base.chargers(10).sessions(Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(10));
        base.chargers(20);
        // THEN
        assertThat(base.build().chargers()).isEqualTo(1);
        assertThat(base.build().behaviour().sessionEvery()).isZero();
        assertThat(bigger.build().chargers()).isEqualTo(10);
        assertThat(bigger.build().idPrefix()).isEqualTo("BASE-");
        assertThat(bigger.build().behaviour().sessionEvery()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theDefaultsFollowTheFleetsSize() {
        FleetSettings settings = FleetSettings.builder(URL).chargers(7).build();
        assertThat(settings.fleetSize()).isEqualTo(7);
        assertThat(settings.firstIndex()).isEqualTo(1);
        assertThat(settings.seed()).isEqualTo(1);
        assertThat(settings.idPrefix()).isEqualTo("CP-");
        assertThat(settings.behaviour().idTags()).isEqualTo(7);
        assertThat(settings.behaviour().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(FleetSettings.builder(URL).chargers(7).slice(100, 11).build().behaviour().idTags()).isEqualTo(100);
    }

    @Test
    void toBuilderStartsFromTheSettings() {
        FleetSettings settings = FleetSettings.builder(URL).chargers(3).slice(30, 4).seed(9).password("secret")
                .threads(2).loopbackSources(List.of()).keepAcknowledgedIds(false).callTimeout(Duration.ofSeconds(3))
                .handshakeTimeout(Duration.ofSeconds(4)).transactionMessageRetries(5, Duration.ofSeconds(6))
                .answerLatency(Duration.ZERO, Duration.ofMillis(7)).idTags(8).rebootTime(Duration.ofSeconds(9))
                .build();
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(settings.toBuilder().seed(10).build().seed()).isEqualTo(10);
    }

    @Test
    void settingsOutsideTheirRulesNameTheSettingAndTheRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder(URL).chargers(0).build())
                .withMessage("chargers must be at least 1 but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder(URL).rampPerSecond(-1).build())
                .withMessage("rampPerSecond must be at least 0.0 but was -1.0");
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder(URL).chargers(10).slice(10, 5)
                .build()).withMessage("chargers 5..14 do not fit into a fleet of 10");
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder(URL)
                .transactionMessageRetries(0, Duration.ofSeconds(60)).build())
                .withMessage("TransactionMessageAttempts must be at least 1 but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder(URL)
                .answerLatency(Duration.ofMillis(50), Duration.ofMillis(10)).build())
                .withMessage("answer latency max (PT0.01S) is below min (PT0.05S)");
        assertThatIllegalArgumentException().isThrownBy(() -> FleetSettings.builder().build())
                .withMessage("at least one central-system URL is needed, e.g. ws://127.0.0.1:8080/ocpp");
        assertThatIllegalArgumentException().isThrownBy(() -> new Behaviour(List.of(URL), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 3, Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(60), 0, Duration.ZERO, null))
                .withMessage("idTags must be at least 1 but was 0");
    }
}
