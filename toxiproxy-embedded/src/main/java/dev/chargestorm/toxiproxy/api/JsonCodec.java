package dev.chargestorm.toxiproxy.api;

import dev.chargestorm.toxiproxy.proxy.ProxySnapshot;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicType;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the real server's JSON shapes with its field order: proxies {@code name, listen, upstream, enabled, Logger,
 * toxics}, toxics {@code attributes, name, type, stream, toxicity}, toxicity printed like Go's float32 ({@code 1},
 * {@code 0.1}).
 */
final class JsonCodec {

    private final JsonMapper mapper;

    JsonCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] proxy(ProxySnapshot proxy) {
        return write(generator -> writeProxy(generator, proxy));
    }

    byte[] proxies(List<ProxySnapshot> proxies) {
        return write(generator -> {
            generator.writeStartObject();
            for (ProxySnapshot proxy : proxies) {
                generator.writeName(proxy.name());
                writeProxy(generator, proxy);
            }
            generator.writeEndObject();
        });
    }

    byte[] toxic(Toxic toxic) {
        return write(generator -> writeToxic(generator, toxic));
    }

    byte[] toxics(List<Toxic> toxics) {
        return write(generator -> {
            generator.writeStartArray();
            for (Toxic toxic : toxics) {
                writeToxic(generator, toxic);
            }
            generator.writeEndArray();
        });
    }

    byte[] populated(List<ProxySnapshot> proxies) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeName("proxies");
            writeProxyArray(generator, proxies.isEmpty() ? null : proxies);
            generator.writeEndObject();
        });
    }

    /** {@code {"error":..,"status":..}\n}, as Go's {@code http.Error} writes it. */
    byte[] error(String message, int status) {
        return withNewline(write(generator -> {
            generator.writeStartObject();
            generator.writeStringProperty("error", message);
            generator.writeNumberProperty("status", status);
            generator.writeEndObject();
        }));
    }

    /** A populate error: the error object plus the proxies applied before it (null when none was applied). */
    byte[] populateError(String message, int status, @Nullable List<ProxySnapshot> proxies) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringProperty("error", message);
            generator.writeNumberProperty("status", status);
            generator.writeName("proxies");
            writeProxyArray(generator, proxies);
            generator.writeEndObject();
        });
    }

    private void writeProxyArray(JsonGenerator generator, @Nullable List<ProxySnapshot> proxies) {
        if (proxies == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartArray();
        for (ProxySnapshot proxy : proxies) {
            writeProxy(generator, proxy);
        }
        generator.writeEndArray();
    }

    private void writeProxy(JsonGenerator generator, ProxySnapshot proxy) {
        generator.writeStartObject();
        generator.writeStringProperty("name", proxy.name());
        generator.writeStringProperty("listen", proxy.listen());
        generator.writeStringProperty("upstream", proxy.upstream());
        generator.writeBooleanProperty("enabled", proxy.enabled());
        generator.writeName("Logger");
        generator.writeStartObject();
        generator.writeEndObject();
        generator.writeName("toxics");
        generator.writeStartArray();
        for (Toxic toxic : proxy.toxics()) {
            writeToxic(generator, toxic);
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private void writeToxic(JsonGenerator generator, Toxic toxic) {
        generator.writeStartObject();
        generator.writeName("attributes");
        generator.writeStartObject();
        for (Map.Entry<String, Long> attribute : ToxicType.attributes(toxic.settings()).entrySet()) {
            generator.writeNumberProperty(attribute.getKey(), attribute.getValue());
        }
        generator.writeEndObject();
        generator.writeStringProperty("name", toxic.name());
        generator.writeStringProperty("type", toxic.type().wireName());
        generator.writeStringProperty("stream", toxic.stream());
        generator.writeName("toxicity");
        generator.writeNumber(formatFloat32(toxic.toxicity()));
        generator.writeEndObject();
    }

    /** Go prints float32 in its shortest form: {@code 1}, {@code 0.1}, {@code 2.5}. */
    static String formatFloat32(float value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15f) {
            return Long.toString((long) value);
        }
        return Float.toString(value);
    }

    private interface Body {
        void writeTo(JsonGenerator generator);
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = mapper.createGenerator(bytes)) {
            body.writeTo(generator);
        }
        return goEscaped(bytes.toByteArray());
    }

    /**
     * Go's encoder escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 inside strings; they never occur outside
     * strings in this JSON, so escaping them byte-wise gives Go's exact bytes.
     */
    static byte[] goEscaped(byte[] json) {
        ByteArrayOutputStream out = null;
        for (int i = 0; i < json.length; i++) {
            String escape = null;
            byte b = json[i];
            if (b == '<') {
                escape = "\\u003c";
            } else if (b == '>') {
                escape = "\\u003e";
            } else if (b == '&') {
                escape = "\\u0026";
            } else if (b == (byte) 0xE2 && i + 2 < json.length && json[i + 1] == (byte) 0x80
                    && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9)) {
                escape = json[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029";
            }
            if (escape != null && out == null) {
                out = new ByteArrayOutputStream(json.length + 16);
                out.write(json, 0, i);
            }
            if (escape != null) {
                out.writeBytes(escape.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (escape.endsWith("2028") || escape.endsWith("2029")) {
                    i += 2;
                }
            } else if (out != null) {
                out.write(b);
            }
        }
        return out == null ? json : out.toByteArray();
    }

    private static byte[] withNewline(byte[] json) {
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }
}
