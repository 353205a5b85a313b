package dev.chargestorm.toxiproxy.api;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.proxy.PopulateException;
import dev.chargestorm.toxiproxy.proxy.ProxyCollection;
import dev.chargestorm.toxiproxy.proxy.ProxySnapshot;
import dev.chargestorm.toxiproxy.proxy.ProxySpec;
import dev.chargestorm.toxiproxy.proxy.ToxiproxyException;
import dev.chargestorm.toxiproxy.toxic.Direction;
import dev.chargestorm.toxiproxy.toxic.Toxic;
import dev.chargestorm.toxiproxy.toxic.ToxicSettings;
import dev.chargestorm.toxiproxy.toxic.ToxicType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routes of the Toxiproxy 2.12 API, independent of the HTTP transport: method and decoded path in, status,
 * content type and body out. Routing follows gorilla/mux: one segment per {@code {proxy}} / {@code {toxic}}, 404
 * {@code 404 page not found} for unknown paths, 405 with an empty body for a known path with another method, and the
 * browser block ({@code User-Agent: Mozilla/...} gets 403) on matched routes.
 */
@API(status = API.Status.INTERNAL)
public final class ToxiproxyApi {

    private static final Logger LOG = LoggerFactory.getLogger(ToxiproxyApi.class);

    /** The Toxiproxy version this server implements and reports. */
    public static final String VERSION = "2.12.0";

    private final ProxyCollection proxies;
    private final boolean metricsEnabled;
    private final JsonCodec json;
    private final RequestDecoder decoder;

    /**
     * @param proxies        the proxies the API manages
     * @param metricsEnabled whether {@code /metrics} exists ({@code -proxy-metrics}); otherwise it is a 404
     */
    public ToxiproxyApi(ProxyCollection proxies, boolean metricsEnabled) {
        this.proxies = proxies;
        this.metricsEnabled = metricsEnabled;
        JsonMapper mapper = JsonMapper.builder().build();
        this.json = new JsonCodec(mapper);
        this.decoder = new RequestDecoder(mapper);
    }

    /**
     * Applies a populate document (a JSON array of {@code {name, listen, upstream, enabled?}}), as {@code POST /populate}
     * and the {@code -config} flag do.
     *
     * @throws ToxiproxyException with the real server's message if the document is invalid or a proxy cannot start
     */
    public List<ProxySnapshot> populate(byte[] document) {
        return proxies.populate(decoder.populate(decoder.parse(document)));
    }

    ApiResponse handle(String method, String path, @Nullable String userAgent, byte[] body) {
        String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {"\u0000"};
        Route route = route(segments, metricsEnabled);
        if (route == Route.NONE) {
            return ApiResponse.notFoundPage();
        }
        if (!route.allows(method)) {
            return ApiResponse.methodNotAllowed();
        }
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return ApiResponse.browserBlocked();
        }
        try {
            return dispatch(route, method, segments, body);
        } catch (PopulateException failed) {
            return ApiResponse.json(failed.status().code(),
                    json.populateError(failed.getMessage(), failed.status().code(), failed.proxies()));
        } catch (ToxiproxyException failed) {
            return ApiResponse.error(failed.status().code(), json.error(failed.getMessage(), failed.status().code()));
        } catch (RuntimeException unexpected) {
            LOG.error("{} {} failed", method, path, unexpected);
            return ApiResponse.error(500, json.error(unexpected.toString(), 500));
        }
    }

    private enum Route {
        NONE(), METRICS("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"), VERSION("GET"), PROXIES("GET", "POST"), POPULATE("POST"), RESET("POST"),
        PROXY("GET", "POST", "PATCH", "DELETE"), TOXICS("GET", "POST"), TOXIC("GET", "POST", "PATCH", "DELETE");

        private final List<String> methods;

        Route(String... methods) {
            this.methods = List.of(methods);
        }

        boolean allows(String method) {
            return methods.contains(method);
        }
    }

    private static Route route(String[] s, boolean metricsEnabled) {
        if (s.length == 1) {
            return switch (s[0]) {
                case "metrics" -> metricsEnabled ? Route.METRICS : Route.NONE;
                case "version" -> Route.VERSION;
                case "proxies" -> Route.PROXIES;
                case "populate" -> Route.POPULATE;
                case "reset" -> Route.RESET;
                default -> Route.NONE;
            };
        }
        if (!s[0].equals("proxies") || s[1].isEmpty()) {
            return Route.NONE;
        }
        if (s.length == 2) {
            return Route.PROXY;
        }
        if (!s[2].equals("toxics")) {
            return Route.NONE;
        }
        if (s.length == 3) {
            return Route.TOXICS;
        }
        if (s.length == 4 && !s[3].isEmpty()) {
            return Route.TOXIC;
        }
        return Route.NONE;
    }

    private ApiResponse dispatch(Route route, String method, String[] s, byte[] body) {
        return switch (route) {
            case VERSION -> new ApiResponse(200, "application/json;charset=utf-8",
                    ("{\"version\": \"" + VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8), false, true);
            case PROXIES -> method.equals("GET")
                    ? ApiResponse.json(200, json.proxies(proxies.list()))
                    : ApiResponse.json(201, json.proxy(proxies.create(decoder.proxy(decoder.parse(body)))));
            case POPULATE -> populateRoute(body);
            case RESET -> {
                proxies.reset();
                yield ApiResponse.noContent();
            }
            case PROXY -> proxyRoute(method, s[1], body);
            case TOXICS -> method.equals("GET")
                    ? ApiResponse.json(200, json.toxics(proxies.toxics(s[1])))
                    : ApiResponse.json(200, json.toxic(createToxic(s[1], body)));
            case TOXIC -> toxicRoute(method, s[1], s[3], body);
            case METRICS -> new ApiResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                    proxies.metrics().prometheusText().getBytes(StandardCharsets.UTF_8), false, true);
            case NONE -> ApiResponse.notFoundPage();
        };
    }

    private ApiResponse populateRoute(byte[] body) {
        List<ProxySpec> specs;
        try {
            specs = decoder.populate(decoder.parse(body));
        } catch (ToxiproxyException invalid) {
            throw new PopulateException(invalid.status(), invalid.getMessage(), null);
        }
        return ApiResponse.json(201, json.populated(proxies.populate(specs)));
    }

    private ApiResponse proxyRoute(String method, String name, byte[] body) {
        return switch (method) {
            case "GET" -> ApiResponse.json(200, json.proxy(proxies.get(name)));
            case "DELETE" -> {
                proxies.delete(name);
                yield ApiResponse.noContent();
            }
            default -> {
                proxies.get(name); // 404 before the body is looked at
                RequestDecoder.ProxyUpdate update = decoder.proxyUpdate(decoder.parse(body));
                yield ApiResponse.json(200,
                        json.proxy(proxies.update(name, update.listen(), update.upstream(), update.enabled())));
            }
        };
    }

    private Toxic createToxic(String proxyName, byte[] body) {
        if (!proxies.exists(proxyName)) {
            throw new ToxiproxyException(ToxiproxyException.Status.NOT_FOUND, "proxy not found");
        }
        JsonNode request = decoder.parse(body);
        RequestDecoder.ToxicCreate create = decoder.toxicCreate(request);
        String stream = create.stream() == null ? "downstream" : create.stream();
        Optional<Direction> direction = Direction.parse(stream);
        if (direction.isEmpty()) {
            throw ToxiproxyException.badRequest("stream was invalid, can be either upstream or downstream");
        }
        Optional<ToxicType> type = Optional.ofNullable(create.type()).flatMap(ToxicType::fromWireName);
        String name = create.name() == null || create.name().isEmpty()
                ? (create.type() == null ? "" : create.type()) + "_" + stream
                : create.name();
        if (type.isEmpty()) {
            throw ToxiproxyException.badRequest("invalid toxic type");
        }
        if (proxies.findToxic(proxyName, name).isPresent()) {
            throw new ToxiproxyException(ToxiproxyException.Status.CONFLICT, "toxic already exists");
        }
        ToxicSettings settings = decoder.attributes(request, type.get(), Map.of());
        float toxicity = create.toxicity() == null ? 1.0f : create.toxicity();
        return proxies.addToxic(proxyName, name, stream, direction.get(), toxicity, settings);
    }

    private ApiResponse toxicRoute(String method, String proxyName, String toxicName, byte[] body) {
        return switch (method) {
            case "GET" -> ApiResponse.json(200, json.toxic(proxies.toxic(proxyName, toxicName)));
            case "DELETE" -> {
                proxies.removeToxic(proxyName, toxicName);
                yield ApiResponse.noContent();
            }
            default -> {
                proxies.toxic(proxyName, toxicName); // 404s before the body is looked at
                JsonNode request = decoder.parse(body);
                Float toxicity = request.isObject() ? decoder.toxicity(request) : null;
                Toxic updated = proxies.updateToxic(proxyName, toxicName, current -> current.withUpdate(
                        toxicity == null ? current.toxicity() : toxicity,
                        decoder.attributes(request, current.type(), ToxicType.attributes(current.settings()))));
                yield ApiResponse.json(200, json.toxic(updated));
            }
        };
    }
}
