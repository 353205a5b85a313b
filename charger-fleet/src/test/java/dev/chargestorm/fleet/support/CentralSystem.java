package dev.chargestorm.fleet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.awaitility.Awaitility.await;

/**
 * The real central system for tests: an embedded PostgreSQL in this JVM and one or more nodes of the packaged
 * {@code system-under-test.jar} as child processes on free loopback ports, all on that database (so tests can read
 * what was stored, and break it). {@link #close()} always stops the nodes (SIGTERM, then SIGKILL) and the database.
 */
public final class CentralSystem implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString("admin:chargestorm".getBytes(StandardCharsets.UTF_8));

    private final EmbeddedPostgres postgres;
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "central-system-cleanup");

    private CentralSystem(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts PostgreSQL and {@code nodes} central-system nodes, one after the other, each until healthy.
     *
     * @param properties extra {@code --key=value} arguments for every node
     */
    public static CentralSystem start(int nodes, String... properties) {
        Path jar = Path.of(System.getProperty("chargestorm.sut.jar", "../system-under-test/target/system-under-test.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar.toAbsolutePath() + ": build the central system first, "
                    + "e.g. ./mvnw -pl system-under-test -am install -DskipTests");
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", ex);
        }
        CentralSystem system = new CentralSystem(postgres);
        try {
            for (int i = 0; i < nodes; i++) {
                system.startNode(jar, i, properties);
            }
        } catch (RuntimeException ex) {
            system.close();
            throw ex;
        }
        return system;
    }

    private void startNode(Path jar, int number, String... properties) {
        int port = freePort();
        try {
            Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "sut-logs")),
                    "node-" + number + "-" + port + "-", ".log");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + port, "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--chargestorm.node.id=node-" + number, "--chargestorm.node.zone=zone-" + number,
                    "--logging.level.root=warn"));
            command.addAll(List.of(properties));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            nodes.add(process);
            ports.add(port);
            logs.add(log);
            await("central-system node " + number + " on port " + port + " healthy (log: " + log + ")")
                    .atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast("the central-system process exited (log: " + log + ")", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> get(port, "/actuator/health").statusCode() == 200);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code ws://127.0.0.1:<port>/ocpp} of node {@code i}. */
    public URI url(int node) {
        return URI.create("ws://127.0.0.1:" + ports.get(node) + "/ocpp");
    }

    public URI url() {
        return url(0);
    }

    public int port(int node) {
        return ports.get(node);
    }

    /** Provisions charge points: {@code [{"chargePointId":..., "password":..., "registrationStatus":...}]}. */
    public void provisionChargePoints(String json) {
        HttpResponse<String> response = adminPost(0, "/admin/charge-points", json);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("provisioning charge points answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Provisions id tags TAG-000001 .. TAG-count, all Accepted. */
    public void provisionIdTags(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= count; i++) {
            json.append(i > 1 ? "," : "").append("{\"idTag\":\"TAG-%06d\",\"status\":\"Accepted\"}".formatted(i));
        }
        HttpResponse<String> response = adminPost(0, "/admin/id-tags", json.append(']').toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("provisioning id tags answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** An operator call, e.g. {@code operator("CP-000001", "remote-start", "{\"idTag\":\"TAG-000001\"}")}. */
    public HttpResponse<String> operator(String chargerId, String operation, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(0) + "/api/chargers/"
                + chargerId + "/" + operation)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> adminPost(int node, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", ADMIN).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Runs SQL on the central system's database. */
    public void execute(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + ex.getMessage(), ex);
        }
    }

    /** The first column of every row, as strings. */
    public List<String> query(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException ex) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + ex.getMessage(), ex);
        }
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ex) {
            // the JVM is already shutting down
        }
    }

    private synchronized void stopQuietly() {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            try {
                if (!node.waitFor(20, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                node.destroyForcibly();
            }
        }
        nodes.clear();
        try {
            postgres.close();
        } catch (IOException | RuntimeException ex) {
            // already stopped
        }
    }
}
