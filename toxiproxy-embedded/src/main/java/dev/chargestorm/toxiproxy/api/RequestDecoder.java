package dev.chargestorm.toxiproxy.api;

import dev.chargestorm.toxiproxy.proxy.ProxySpec;
import dev.chargestorm.toxiproxy.proxy.ToxiproxyException;
import dev.chargestorm.toxiproxy.toxic.ToxicSettings;
import dev.chargestorm.toxiproxy.toxic.ToxicType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TreeNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes request bodies the way the real server does: JSON whatever the Content-Type, only the first JSON value
 * (trailing bytes ignored), unknown fields ignored, {@code null} meaning "not given", attributes integers only. Error
 * texts start with {@code bad request body: } and follow Go's decoder wording where a client might look at them.
 */
final class RequestDecoder {

    private static final String POPULATE_TYPE =
            "[]struct { toxiproxy.Proxy; Enabled *bool \"json:\\\"enabled\\\"\" }";

    private final JsonMapper mapper;

    RequestDecoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The first JSON value of the body; an empty body is {@code bad request body: EOF}. */
    JsonNode parse(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                throw bad("EOF");
            }
            TreeNode tree = parser.readValueAsTree();
            return tree == null ? mapper.nullNode() : (JsonNode) tree;
        } catch (JacksonException invalid) {
            String message = invalid.getOriginalMessage() == null ? invalid.toString() : invalid.getOriginalMessage();
            if (message.contains("end-of-input")) {
                throw bad("unexpected EOF");
            }
            int newline = message.indexOf('\n');
            throw bad((newline < 0 ? message : message.substring(0, newline)).replace('"', '\''));
        }
    }

    ProxySpec proxy(JsonNode body) {
        expectObjectOrNull(body, "toxiproxy.Proxy");
        return new ProxySpec(string(body, "name", "Proxy"), string(body, "listen", "Proxy"),
                string(body, "upstream", "Proxy"), bool(body, "enabled", "Proxy"));
    }

    /** The fields of a proxy update; null where not given. */
    record ProxyUpdate(@Nullable String listen, @Nullable String upstream, @Nullable Boolean enabled) {
    }

    ProxyUpdate proxyUpdate(JsonNode body) {
        expectObjectOrNull(body, "toxiproxy.Proxy");
        return new ProxyUpdate(string(body, "listen", "Proxy"), string(body, "upstream", "Proxy"),
                bool(body, "enabled", "Proxy"));
    }

    List<ProxySpec> populate(JsonNode body) {
        if (!body.isArray()) {
            if (body.isNull()) {
                return List.of();
            }
            throw bad("json: cannot unmarshal " + kind(body) + " into Go value of type " + POPULATE_TYPE);
        }
        List<ProxySpec> specs = new ArrayList<>();
        for (JsonNode entry : body) {
            if (!entry.isObject() && !entry.isNull()) {
                throw bad("json: cannot unmarshal " + kind(entry) + " into Go value of type " + POPULATE_TYPE);
            }
            specs.add(proxy(entry));
        }
        return specs;
    }

    /** The wrapper fields of a toxic create; null where not given. */
    record ToxicCreate(@Nullable String name, @Nullable String type, @Nullable String stream, @Nullable Float toxicity) {
    }

    ToxicCreate toxicCreate(JsonNode body) {
        expectObjectOrNull(body, "toxics.ToxicWrapper");
        return new ToxicCreate(string(body, "name", "ToxicWrapper"), string(body, "type", "ToxicWrapper"),
                string(body, "stream", "ToxicWrapper"), toxicity(body));
    }

    @Nullable Float toxicity(JsonNode body) {
        JsonNode value = body.get("toxicity");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw bad("json: cannot unmarshal " + kind(value) + " into Go struct field ToxicWrapper.toxicity of type float32");
        }
        float toxicity;
        try {
            toxicity = (float) value.doubleValue();
        } catch (RuntimeException outOfRange) {
            toxicity = Float.NaN;
        }
        if (!Float.isFinite(toxicity)) {
            throw bad("json: cannot unmarshal number " + value + " into Go struct field ToxicWrapper.toxicity of type float32");
        }
        return toxicity;
    }

    /**
     * The toxic's settings: {@code base} attributes (zeros on create, the current ones on update) with the keys present
     * in the body's {@code attributes} replacing them. Rejects values the real server would crash on.
     */
    ToxicSettings attributes(JsonNode body, ToxicType type, Map<String, Long> base) {
        Map<String, Long> merged = new LinkedHashMap<>(base);
        JsonNode attributes = body.isObject() ? body.get("attributes") : null;
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw bad("json: cannot unmarshal " + kind(attributes)
                        + " into Go struct field ToxicWrapper.attributes of type toxics." + type.goStructName());
            }
            for (String key : type.attributeNames()) {
                JsonNode value = attributes.get(key);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw bad("json: cannot unmarshal " + (value.isNumber() ? "number " + value : kind(value))
                            + " into Go struct field " + type.goStructName() + ".attributes." + key + " of type "
                            + type.goAttributeType());
                }
                merged.put(key, value.longValue());
            }
        }
        try {
            return type.settings(merged);
        } catch (IllegalArgumentException invalid) {
            throw ToxiproxyException.badRequest("invalid attributes for toxic " + type.wireName() + ": "
                    + invalid.getMessage());
        }
    }

    private static void expectObjectOrNull(JsonNode body, String goType) {
        if (!body.isObject() && !body.isNull()) {
            throw bad("json: cannot unmarshal " + kind(body) + " into Go value of type " + goType);
        }
    }

    private static @Nullable String string(JsonNode body, String field, String goStruct) {
        JsonNode value = body.isObject() ? body.get(field) : null;
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw bad("json: cannot unmarshal " + kind(value) + " into Go struct field " + goStruct + "." + field
                    + " of type string");
        }
        return value.stringValue();
    }

    private static @Nullable Boolean bool(JsonNode body, String field, String goStruct) {
        JsonNode value = body.isObject() ? body.get(field) : null;
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw bad("json: cannot unmarshal " + kind(value) + " into Go struct field " + goStruct + "." + field
                    + " of type bool");
        }
        return value.booleanValue();
    }

    private static String kind(JsonNode value) {
        if (value.isString()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    static ToxiproxyException bad(String detail) {
        return ToxiproxyException.badRequest("bad request body: " + detail);
    }
}
