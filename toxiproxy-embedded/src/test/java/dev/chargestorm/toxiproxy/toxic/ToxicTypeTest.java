package dev.chargestorm.toxiproxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wire attributes to typed settings and back, for every type, including extreme values. */
class ToxicTypeTest {

    @Test
    void everyTypeRoundTripsItsAttributesInWireOrder() {
        for (ToxicType type : ToxicType.values()) {
            Map<String, Long> attributes = new LinkedHashMap<>();
            long value = 1;
            for (String name : type.attributeNames()) {
                attributes.put(name, type == ToxicType.SLICER && name.equals("size_variation") ? 0 : value++ * 7);
            }

            assertThat(ToxicType.attributes(type.settings(attributes))).as(type.wireName())
                    .containsExactlyEntriesOf(attributes);
        }
    }

    @Test
    void extremeValuesSurviveTheRoundTrip() {
        Map<String, Long> slicer = Map.of("average_size", Long.MAX_VALUE, "size_variation", 0L, "delay", -1L);
        Map<String, Long> latency = Map.of("latency", Long.MIN_VALUE, "jitter", Long.MAX_VALUE);

        assertThat(ToxicType.attributes(ToxicType.SLICER.settings(slicer))).containsEntry("delay", -1L)
                .containsEntry("average_size", Long.MAX_VALUE);
        assertThat(ToxicType.attributes(ToxicType.LATENCY.settings(latency))).containsEntry("latency", Long.MIN_VALUE)
                .containsEntry("jitter", Long.MAX_VALUE);
    }

    @Test
    void missingAttributesAreZeroAndTypesAreLookedUpByWireName() {
        assertThat(ToxicType.attributes(ToxicType.LATENCY.settings(Map.of()))).containsExactly(
                Map.entry("latency", 0L), Map.entry("jitter", 0L));
        assertThat(ToxicType.fromWireName("slow_close")).contains(ToxicType.SLOW_CLOSE);
        assertThat(ToxicType.fromWireName("LATENCY")).isEmpty();
    }

    @Test
    void valuesTheRealServerCrashesOnAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ToxicType.BANDWIDTH.settings(Map.of("rate", -1L)))
                .hasMessage("rate must not be negative (KB/s; 0 holds all data until the toxic is removed), but was -1");
        assertThatThrownBy(() -> ToxicType.SLICER.settings(Map.of()))
                .hasMessage("average_size must be at least 1 byte, but was 0 (the real Toxiproxy recurses forever on 0)");
        assertThatThrownBy(() -> ToxicType.SLICER.settings(Map.of("average_size", 1L, "size_variation", 50L)))
                .hasMessage("size_variation must be from 0 to average_size - 1 (0), but was 50 (the real "
                        + "Toxiproxy panics on that)");
    }
}
