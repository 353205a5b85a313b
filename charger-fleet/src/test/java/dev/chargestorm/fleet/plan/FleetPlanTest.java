package dev.chargestorm.fleet.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.fleet.chargepoint.Schedules;
import dev.chargestorm.fleet.persona.PersonaMix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FleetPlanTest {

    private static final PersonaMix MIX = PersonaMix.parse("immediate=0.5,backoff-jitter=0.3,retry-backoff=0.2");

    @Test
    void theSameSeedGivesTheSameFleetAndSchedule() {
        List<ChargerSpec> first = FleetPlan.chargers(42, 500, 1, 500, MIX, "CP-", "secret-{id}");
        List<ChargerSpec> second = FleetPlan.chargers(42, 500, 1, 500, MIX, "CP-", "secret-{id}");
        assertThat(second).isEqualTo(first);
        for (int i = 0; i < first.size(); i += 50) {
            assertThat(Schedules.redialDelays(second.get(i), 10)).isEqualTo(Schedules.redialDelays(first.get(i), 10));
            assertThat(Schedules.sessionStarts(second.get(i), Duration.ofMinutes(30), 5))
                    .isEqualTo(Schedules.sessionStarts(first.get(i), Duration.ofMinutes(30), 5));
        }
    }

    @Test
    void anotherSeedGivesAnotherFleet() {
        List<ChargerSpec> first = FleetPlan.chargers(42, 500, 1, 500, MIX, "CP-", null);
        List<ChargerSpec> other = FleetPlan.chargers(43, 500, 1, 500, MIX, "CP-", null);
        assertThat(other).isNotEqualTo(first);
        assertThat(other).extracting(ChargerSpec::id).isEqualTo(first.stream().map(ChargerSpec::id).toList());
        ChargerSpec jittered = first.stream().filter(c -> c.persona().name().startsWith("backoff-jitter"))
                .findFirst().orElseThrow();
        ChargerSpec sameId = other.stream().filter(c -> c.id().equals(jittered.id())).findFirst().orElseThrow();
        assertThat(Schedules.sessionStarts(sameId, Duration.ofMinutes(30), 5))
                .isNotEqualTo(Schedules.sessionStarts(jittered, Duration.ofMinutes(30), 5));
    }

    @Test
    void aFleetSplitOverProcessesIsTheSameFleet() {
        List<ChargerSpec> whole = FleetPlan.chargers(7, 300, 1, 300, MIX, "CP-", null);
        List<ChargerSpec> parts = new ArrayList<>(FleetPlan.chargers(7, 300, 1, 150, MIX, "CP-", null));
        parts.addAll(FleetPlan.chargers(7, 300, 151, 150, MIX, "CP-", null));
        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void idsMatchTheSeededChargePointsAndAttributesAreRealistic() {
        List<ChargerSpec> chargers = FleetPlan.chargers(1, 1000, 1, 1000, MIX, "CP-", "pw-{id}");
        assertThat(chargers.get(0).id()).isEqualTo("CP-000001");
        assertThat(chargers.get(999).id()).isEqualTo("CP-001000");
        assertThat(chargers.get(0).password()).isEqualTo("pw-CP-000001");
        assertThat(chargers).allSatisfy(c -> {
            assertThat(c.connectors()).isBetween(1, 4);
            assertThat(c.vendor().length()).isLessThanOrEqualTo(20);
            assertThat(c.model().length()).isLessThanOrEqualTo(20);
            assertThat(c.serialNumber().length()).isLessThanOrEqualTo(25);
        });
        assertThat(chargers).extracting(ChargerSpec::connectors).contains(1, 2, 3, 4);
        assertThat(FleetPlan.idTag(12)).isEqualTo("TAG-000012");
    }

    @Test
    void aSliceOutsideTheFleetIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> FleetPlan.chargers(1, 100, 90, 20, MIX, "CP-", null))
                .withMessage("chargers 90..109 are not inside a fleet of 100 (indexes start at 1)");
    }
}
