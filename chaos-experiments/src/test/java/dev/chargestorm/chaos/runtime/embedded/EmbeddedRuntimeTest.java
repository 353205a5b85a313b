package dev.chargestorm.chaos.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.PlatformStartException;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.support.OcppClient;
import dev.chargestorm.chaos.support.Processes;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(600)
class EmbeddedRuntimeTest {

    static final Path REPORTS = Path.of("target", "chaos-reports");

    @Test
    void startsAOneZoneTopologyWithProxyProcessesAndLeavesNothingBehind() throws Exception {
        // GIVEN
        EmbeddedRuntime runtime = new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults()
                .withProxyMode(ProxyMode.PROCESS_PER_ZONE));
        List<Long> pids;
        List<URI> endpoints;
        Path log;
        try (HttpClient http = HttpClient.newHttpClient();
             RunningPlatform platform = runtime.start(Topology.of(Zone.of("a").withApiNodes(1)),
                     REPORTS.resolve("runtime-lifecycle"))) {
            EmbeddedPlatform embedded = (EmbeddedPlatform) platform;
            pids = embedded.processIds();
            endpoints = platform.chargerEndpoints();
            NodeHandle node = platform.node("csms-a");
            log = node.log().orElseThrow();

            // THEN: postgres, its watchdog, the zone's proxy process and the two nodes run
            assertThat(pids).hasSize(5);
            assertThat(node.isRunning()).isTrue();
            assertThat(platform.links()).extracting(l -> l.proxy())
                    .containsExactly("charger-csms-a", "db-csms-a", "client-api-a", "db-api-a");
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(platform.apiEndpoints().getFirst()
                            .resolve("/admin/node")).header("Authorization", "Basic YWRtaW46Y2hhcmdlc3Rvcm0=").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                    .as("the API node through its proxy").contains("\"id\":\"api-a\"").contains("\"role\":\"API\"");
            assertThat(platform.proxy(platform.links(LinkKind.NODE_TO_DB, "a").getFirst()).getUpstream())
                    .startsWith("127.0.0.1:");

            // AND: a charger reaches the node through its proxy, and the node stores it through the db proxy
            try (OcppClient charger = OcppClient.connect(http, endpoints.getFirst(), "CP-LIFECYCLE-1")) {
                String boot = charger.bootNotification();
                await("BootNotification answered").atMost(Duration.ofSeconds(30)).until(() -> charger.answered(boot));
            }
            assertThat(Files.readString(log)).contains("Started").contains("csms-a");
            assertThat(platform.runDirectory().resolve("logs/csms-a-gc-" + ((SutNode) node).pid().orElseThrow()
                    + ".log")).as("the node's GC log").content().contains("Using Serial");
            assertThat(platform.runDirectory().resolve("logs/postgres.log")).exists();
            assertThat(platform.runDirectory().resolve("logs/toxiproxy-a.log")).content()
                    .contains("toxiproxy API listening");
        }

        // THEN: after close nothing is left running or listening
        await("every child process gone").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Processes.alive(pids)).isEmpty());
        assertThat(Processes.descendants()).isEmpty();
        assertThat(listening(endpoints.getFirst().getPort())).isFalse();
    }

    @Test
    void aMissingJarIsReportedWithTheCommandThatBuildsIt() {
        EmbeddedRuntime runtime = new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults()
                .withSutJar(Path.of("nowhere", "system-under-test.jar")));

        assertThatThrownBy(() -> runtime.start(Topology.of(Zone.of("a")), REPORTS.resolve("missing-jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No the central system jar at ")
                .hasMessageContaining("./mvnw -pl system-under-test package -DskipTests");
    }

    @Test
    void aNodeThatDoesNotStartFailsTheStartAndLeavesNothingBehind() {
        // GIVEN a node configuration the central system refuses
        EmbeddedRuntime runtime = new EmbeddedRuntime(EmbeddedRuntimeSettings.defaults()
                .withNodeProperties("--chargestorm.node.role=bogus"));
        Path run = REPORTS.resolve("failed-start");

        // WHEN / THEN
        assertThatThrownBy(() -> runtime.start(Topology.of(Zone.of("a")), run))
                .isInstanceOfSatisfying(PlatformStartException.class, failed -> {
                    assertThat(failed.component()).isEqualTo("csms-a");
                    assertThat(failed.log()).exists();
                })
                .hasMessageStartingWith("node csms-a exited before it was healthy (exit code 1); the end of its log:")
                .hasMessageContaining("bogus")
                .hasMessageEndingWith("(log: " + run.toAbsolutePath().resolve("logs/csms-a.log") + ")");
        assertThat(Processes.descendants()).isEmpty();
        assertThat(run.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
