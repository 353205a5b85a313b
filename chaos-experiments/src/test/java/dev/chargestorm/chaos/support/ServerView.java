package dev.chargestorm.chaos.support;

import dev.chargestorm.chaos.runtime.DatabaseEndpoint;
import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.NodeRole;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The central system's own view of its chargers, sampled in the background straight from each central-system node
 * ({@code GET /admin/node}: connected chargers) and from the database ({@code charge_point.online}), bypassing every
 * proxy. Experiments use it for server-side assertions next to the fleet's client-side truth. Close it to stop
 * sampling.
 */
public final class ServerView implements AutoCloseable {

    private static final Pattern MESSAGES = Pattern.compile(
            "^chargestorm_ocpp_messages_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("admin:chargestorm".getBytes(StandardCharsets.UTF_8));

    private final List<NodeHandle> nodes;
    private final DatabaseEndpoint database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler;

    /**
     * One look at the central system.
     *
     * @param connected connected chargers per central-system node, -1 when the node did not answer
     * @param online    chargers the database has online, -1 when it could not be read
     */
    public record Sample(Instant at, Map<String, Integer> connected, int online) {

        /** @return connected chargers over every node that answered */
        public int totalConnected() {
            return connected.values().stream().mapToInt(Integer::intValue).filter(n -> n >= 0).sum();
        }

        /** @return connected chargers of that node, -1 when it did not answer */
        public int connected(String node) {
            return connected.getOrDefault(node, -1);
        }

        @Override
        public String toString() {
            return at + " connected " + connected + ", online in the database " + online;
        }
    }

    private ServerView(RunningPlatform platform, Duration every) {
        this.nodes = platform.nodes(NodeRole.CSMS);
        this.database = platform.database();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "server-view-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sampleNow, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts sampling every central-system node and the database every {@code every}. */
    public static ServerView sample(RunningPlatform platform, Duration every) {
        return new ServerView(platform, every);
    }

    private void sampleNow() {
        try {
            Map<String, Integer> connected = new LinkedHashMap<>();
            for (NodeHandle node : nodes) {
                connected.put(node.name(), connectedChargers(node));
            }
            samples.add(new Sample(Instant.now(), connected, onlineChargers()));
        } catch (RuntimeException unexpected) {
            // a failed look is a missing sample, never the end of sampling
        }
    }

    private int connectedChargers(NodeHandle node) {
        HttpRequest request = HttpRequest.newBuilder(node.adminUri().resolve("/admin/node"))
                .header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? json.readTree(response.body()).path("connectedChargers").asInt(-1) : -1;
        } catch (IOException | RuntimeException unanswered) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int onlineChargers() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM charge_point WHERE online")) {
            return rows.next() ? rows.getInt(1) : -1;
        } catch (SQLException unreadable) {
            return -1;
        }
    }

    /** @return every sample so far, oldest first */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** @return the first sample taken at or after {@code from} that matches */
    public Optional<Sample> first(Instant from, Predicate<Sample> condition) {
        return samples.stream().filter(s -> !s.at().isBefore(from)).filter(condition).findFirst();
    }

    /** @return the last sample taken before {@code before} */
    public Optional<Sample> lastBefore(Instant before) {
        return samples.stream().filter(s -> s.at().isBefore(before)).reduce((a, b) -> b);
    }

    /** @return the samples taken between {@code from} (inclusive) and {@code to} (exclusive) */
    public List<Sample> between(Instant from, Instant to) {
        return samples.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
    }

    /** @return the samples as text, one a line, for assertion messages */
    public String describe(Instant from, Instant to) {
        return String.join("\n", between(from, to).stream().map(Sample::toString).toList());
    }

    /**
     * Reads a node's {@code chargestorm_ocpp_messages_total} from its Prometheus endpoint.
     *
     * @return OCPP CALLs the node received, by {@code action:outcome} (outcome {@code result} or a CALLERROR code)
     */
    public static Map<String, Long> ocppMessages(HttpClient http, NodeHandle node)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.adminUri().resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /actuator/prometheus on " + node.name() + " answered " + response.statusCode());
        }
        Map<String, Long> counts = new TreeMap<>();
        Matcher line = MESSAGES.matcher(response.body());
        while (line.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(line.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            counts.merge(labels.get("action") + ":" + labels.get("outcome"),
                    (long) Double.parseDouble(line.group(2)), Long::sum);
        }
        return counts;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
