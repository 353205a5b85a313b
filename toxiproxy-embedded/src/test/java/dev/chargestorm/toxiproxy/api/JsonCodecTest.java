package dev.chargestorm.toxiproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Go's number and string formatting in the JSON the API writes. */
class JsonCodecTest {

    @Test
    void toxicityPrintsLikeGosFloat32() {
        assertThat(JsonCodec.formatFloat32(1f)).isEqualTo("1");
        assertThat(JsonCodec.formatFloat32(0f)).isEqualTo("0");
        assertThat(JsonCodec.formatFloat32(0.1f)).isEqualTo("0.1");
        assertThat(JsonCodec.formatFloat32(2.5f)).isEqualTo("2.5");
        assertThat(JsonCodec.formatFloat32(-1f)).isEqualTo("-1");
        assertThat(JsonCodec.formatFloat32(0.33333334f)).isEqualTo("0.33333334");
    }

    @Test
    void htmlSensitiveCharactersAreEscapedAndOthersKept() {
        byte[] json = "{\"name\":\"<a&b>\u2028\u2029é\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(JsonCodec.goEscaped(json), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"\\u003ca\\u0026b\\u003e\\u2028\\u2029é\"}");
        byte[] plain = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonCodec.goEscaped(plain)).isSameAs(plain);
    }
}
