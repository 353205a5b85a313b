package dev.chargestorm.chaos.fault;

import static dev.chargestorm.chaos.support.DbCall.provisionIdTag;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.runtime.embedded.EmbeddedRuntime;
import dev.chargestorm.chaos.runtime.embedded.EmbeddedRuntimeSettings;
import dev.chargestorm.chaos.support.DbCall;
import dev.chargestorm.chaos.support.OcppClient;
import dev.chargestorm.chaos.topology.Link;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.Node;
import dev.chargestorm.chaos.topology.NodeRole;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault against a real two-zone platform (one central-system node per zone, Chaos Monkey loaded), started once
 * for the class. Each test leaves the platform as it found it: no toxics, every proxy enabled, every node running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class FaultsTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ofSeconds(5)).build();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RunningPlatform platform;
    private Faults faults;
    private NodeHandle csmsA;
    private NodeHandle csmsB;

    @BeforeAll
    void startPlatform() {
        EmbeddedRuntimeSettings settings = EmbeddedRuntimeSettings.defaults()
                .withNodeProperties("--spring.datasource.hikari.connection-timeout=2000",
                        "--spring.datasource.hikari.validation-timeout=1000");
        platform = new EmbeddedRuntime(settings).start(Topology.of(Zone.of("a"), Zone.of("b")).withChaosMonkey(true),
                Path.of("target", "chaos-reports", "faults"));
        csmsA = platform.node("csms-a");
        csmsB = platform.node("csms-b");
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        http.close();
    }

    @BeforeEach
    void newFaults() {
        events.clear();
        faults = Faults.on(platform, new FaultListener() {
            @Override
            public void injected(FaultRecord fault) {
                events.add("injected " + fault.name());
            }

            @Override
            public void reverted(FaultRecord fault) {
                events.add("reverted " + fault.name());
            }
        });
    }

    @AfterEach
    void platformIsClean() throws IOException {
        faults.close();
        for (Link link : platform.links()) {
            assertThat(platform.proxy(link).toxics().getAll()).as("toxics on %s", link.proxy()).isEmpty();
            assertThat(platform.proxy(link).isEnabled()).as("%s enabled", link.proxy()).isTrue();
        }
        for (NodeHandle node : platform.nodes()) {
            if (!node.isRunning()) {
                node.start();
            }
        }
    }

    @Test
    void dbLatencySlowsADatabaseCallUntilRolledBack() throws Exception {
        // GIVEN a warm node
        await().atMost(ofSeconds(30)).until(() -> provisionIdTag(http, csmsA).took().compareTo(ofMillis(300)) < 0);

        // WHEN
        FaultHandle slowDb = faults.dbLatency(Scope.zone("a"), ofMillis(400), ofMillis(20));

        // THEN the transaction's round trips each take the latency
        DbCall.Outcome slow = provisionIdTag(http, csmsA);
        assertThat(slow.ok()).isTrue();
        assertThat(slow.took()).isGreaterThanOrEqualTo(ofMillis(400));
        assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "a")).toxics().getAll()).hasSize(1);
        assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "b")).toxics().getAll()).isEmpty();

        // WHEN
        slowDb.rollback();

        // THEN
        await("fast again").atMost(ofSeconds(30))
                .until(() -> provisionIdTag(http, csmsA).took().compareTo(ofMillis(300)) < 0);
        FaultRecord record = slowDb.record();
        assertThat(record.name()).isEqualTo("db-latency-1");
        assertThat(record.kind()).isEqualTo(FaultKind.DB_LATENCY);
        assertThat(record.target()).isEqualTo("zone a [db-csms-a]");
        assertThat(record.parameters()).containsEntry("latency", "400ms").containsEntry("jitter", "20ms");
        assertThat(record.end()).isAfterOrEqualTo(record.start());
        assertThat(events).containsExactly("injected db-latency-1", "reverted db-latency-1");
    }

    @Test
    void refusedDbOutageFailsDatabaseCallsUntilRolledBack() throws Exception {
        // WHEN
        try (FaultHandle outage = faults.dbOutage(Scope.all(), OutageMode.REFUSED)) {
            // THEN
            assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "a")).isEnabled()).isFalse();
            assertThat(provisionIdTag(http, csmsA).ok()).isFalse();
            assertThat(provisionIdTag(http, csmsB).ok()).isFalse();
            assertThat(outage.isActive()).isTrue();
        }

        // THEN the pool reconnects
        await("database calls succeed again").atMost(ofSeconds(30)).pollInterval(ofMillis(500))
                .until(() -> provisionIdTag(http, csmsA).ok() && provisionIdTag(http, csmsB).ok());
    }

    @Test
    void blackholeDbOutageHoldsEverythingUntilRolledBack() throws Exception {
        // WHEN
        try (FaultHandle outage = faults.dbOutage(Scope.node("csms-b"), OutageMode.BLACKHOLE)) {
            // THEN
            assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "b")).toxics().getAll())
                    .extracting(t -> t.getName())
                    .containsExactlyInAnyOrder("db-outage-1-blackhole-upstream", "db-outage-1-blackhole-downstream");
            assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "b")).isEnabled()).isTrue();
            // nothing comes back: the call hangs (no answer within 5 s)
            assertThat(provisionIdTag(http, csmsB, ofSeconds(5)).status()).isEqualTo(-1);
        }

        await("database calls succeed again").atMost(ofSeconds(60)).pollInterval(ofMillis(500))
                .until(() -> provisionIdTag(http, csmsB).ok());
    }

    @Test
    void zonePartitionCutsTheZoneFromChargersAndHeals() throws Exception {
        // GIVEN a charger connected in zone a
        OcppClient before = boot(endpoint("a"), "CP-PART-1");

        // WHEN
        FaultHandle partition = faults.partition("a", PartitionSide.FROM_CHARGERS);

        // THEN zone a drops and refuses chargers, zone b takes them
        await("the open connection through zone a closed").atMost(ofSeconds(10)).until(before::isClosed);
        assertThatThrownBy(() -> OcppClient.connect(http, endpoint("a"), "CP-PART-2")).isNotNull();
        boot(endpoint("b"), "CP-PART-2").close();
        assertThat(partition.record().target()).isEqualTo("zone a [charger-csms-a]");

        // WHEN
        partition.rollback();

        // THEN
        boot(endpoint("a"), "CP-PART-3").close();
    }

    @Test
    void zonePartitionFromTheDatabaseFailsOnlyThatZonesCalls() throws Exception {
        try (FaultHandle partition = faults.partition("b", PartitionSide.BOTH)) {
            assertThat(partition.record().target()).isEqualTo("zone b [charger-csms-b, db-csms-b]");
            assertThat(provisionIdTag(http, csmsB).ok()).isFalse();
            assertThat(provisionIdTag(http, csmsA).ok()).isTrue();
        }
        await("zone b reaches the database again").atMost(ofSeconds(30)).pollInterval(ofMillis(500))
                .until(() -> provisionIdTag(http, csmsB).ok());
    }

    @Test
    void overlappingFaultsOnOneProxyReEnableItOnlyAfterTheLast() throws Exception {
        FaultHandle partition = faults.partition("a", PartitionSide.FROM_DB);
        FaultHandle outage = faults.dbOutage(Scope.all(), OutageMode.REFUSED);

        partition.rollback();
        assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "a")).isEnabled()).isFalse();

        outage.rollback();
        assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "a")).isEnabled()).isTrue();
    }

    @Test
    void degradedChargerLinksGetTheirToxicsOnAShareOfConnections() throws Exception {
        try (FaultHandle flaky = faults.degradeChargerLinks(Scope.all(), 0.1, LinkToxic.bandwidth(10),
                LinkToxic.slicer(64, 16, ofMillis(1)), LinkToxic.resetPeer(ofSeconds(5)))) {
            assertThat(platform.proxy(link(LinkKind.CHARGER_TO_NODE, "a")).toxics().getAll())
                    .hasSize(5)
                    .allSatisfy(t -> assertThat(t.getToxicity()).isEqualTo(0.1f));
            assertThat(flaky.record().parameters()).containsEntry("share", "0.1")
                    .containsEntry("bandwidth.rate", "10KB/s").containsEntry("reset_peer.after", "5s");
        }
    }

    @Test
    void halfOpenChargerLinksSwallowEverythingUntilRolledBack() throws Exception {
        // GIVEN
        OcppClient charger = boot(endpoint("a"), "CP-HALF-1");

        // WHEN
        FaultHandle halfOpen = faults.degradeChargerLinks(Scope.zone("a"), 1.0, LinkToxic.halfOpen(Duration.ZERO));

        // THEN the connection stays open but nothing comes back
        String unanswered = charger.bootNotification();
        await().during(ofSeconds(3)).atMost(ofSeconds(5)).until(() -> !charger.answered(unanswered));
        assertThat(charger.isClosed()).isFalse();

        // WHEN / THEN removing the timeout toxic closes the held connection, as Toxiproxy does
        halfOpen.rollback();
        await("the held connection closed").atMost(ofSeconds(10)).until(charger::isClosed);
        boot(endpoint("a"), "CP-HALF-1").close();
    }

    @Test
    void naiveDeployDropsEveryChargerOfANodeAtOnceAndRestartsIt() throws Exception {
        // GIVEN
        OcppClient charger = boot(endpoint("b"), "CP-NAIVE-1");

        // WHEN
        FaultHandle deploy = faults.deploy(Deploy.naive().withStopGrace(ofSeconds(30)));

        // THEN
        assertThat(charger.isClosed()).isTrue();
        assertThat(deploy.record().parameters()).containsEntry("mode", "naive").containsKeys("csms-a", "csms-b");
        assertThat(platform.nodes()).allMatch(NodeHandle::isRunning);
        boot(endpoint("b"), "CP-NAIVE-1").close();
    }

    @Test
    void massDisconnectDropsTheZonesChargers() throws Exception {
        // GIVEN
        OcppClient one = boot(endpoint("a"), "CP-MASS-1");
        OcppClient two = boot(endpoint("a"), "CP-MASS-2");
        OcppClient other = boot(endpoint("b"), "CP-MASS-3");

        // WHEN
        FaultHandle disconnect = faults.massDisconnect(Scope.zone("a"), 1.0, DisconnectMode.ABRUPT);

        // THEN
        await("zone a's chargers disconnected").atMost(ofSeconds(15)).until(() -> one.isClosed() && two.isClosed());
        assertThat(other.isClosed()).isFalse();
        assertThat(disconnect.isActive()).isFalse();
        assertThat(disconnect.record().parameters()).containsEntry("csms-a.disconnected", "2 of 2")
                .containsEntry("mode", "ABRUPT");
        other.close();
    }

    @Test
    void nodeCrashKillsTheNodeAndRollbackRestartsIt() throws Exception {
        // GIVEN
        OcppClient charger = boot(endpoint("b"), "CP-CRASH-1");

        // WHEN
        FaultHandle crash = faults.crash(csmsB);

        // THEN
        assertThat(csmsB.isRunning()).isFalse();
        await("the charger notices").atMost(ofSeconds(15)).until(charger::isClosed);

        // WHEN
        crash.rollback();

        // THEN
        assertThat(csmsB.isRunning()).isTrue();
        boot(endpoint("b"), "CP-CRASH-1").close();
        assertThat(crash.record().target()).isEqualTo("node csms-b");
    }

    @Test
    void gracefulDeployDrainsAndRestartsEveryNodeZoneByZone() throws Exception {
        // GIVEN
        OcppClient charger = boot(endpoint("a"), "CP-DEPLOY-1");

        // WHEN
        FaultHandle deploy = faults.deploy(Deploy.graceful(50).withStopGrace(ofSeconds(30)));

        // THEN
        assertThat(charger.isClosed()).isTrue();
        assertThat(charger.closeReason()).contains("1012");
        assertThat(deploy.isActive()).isFalse();
        assertThat(deploy.record().parameters()).containsKeys("csms-a", "csms-b").containsEntry("mode", "graceful");
        assertThat(platform.nodes()).allMatch(NodeHandle::isRunning);
        boot(endpoint("a"), "CP-DEPLOY-1").close();
    }

    @Test
    void chaosMonkeyLatencyAssaultSlowsServicesUntilRolledBack() throws Exception {
        await().atMost(ofSeconds(30)).until(() -> provisionIdTag(http, csmsA).took().compareTo(ofMillis(400)) < 0);

        try (FaultHandle monkey = faults.chaosMonkey(Scope.zone("a"),
                ChaosMonkeyAssault.latency(ChaosMonkeyAssault.Watcher.SERVICE, ofMillis(600), ofMillis(700)))) {
            assertThat(provisionIdTag(http, csmsA).took()).isGreaterThanOrEqualTo(ofMillis(600));
            assertThat(monkey.record().parameters()).containsEntry("latency", "600ms-700ms");
        }

        await("fast again").atMost(ofSeconds(30))
                .until(() -> provisionIdTag(http, csmsA).took().compareTo(ofMillis(400)) < 0);
    }

    @Test
    void faultsOnTargetsThePlatformDidNotStartAreRefused() {
        assertThatThrownBy(() -> faults.partition("x", PartitionSide.BOTH))
                .isInstanceOf(ForeignTargetException.class)
                .hasMessage("zone-partition refused: no zone 'x' in this platform (its zones: [a, b]); the harness"
                        + " injects faults only into what it started");
        assertThatThrownBy(() -> faults.crash("csms-z"))
                .isInstanceOf(ForeignTargetException.class)
                .hasMessage("node-crash refused: no node 'csms-z' in this platform (its nodes: [csms-a, csms-b]); the"
                        + " harness injects faults only into what it started");
        assertThatThrownBy(() -> faults.crash(new ForeignNode()))
                .isInstanceOf(ForeignTargetException.class)
                .hasMessageStartingWith("node-crash refused: foreign node csms-a was not started by this platform");
        assertThatThrownBy(() -> faults.degradeChargerLinks(Scope.all(), 1.5, LinkToxic.bandwidth(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("share must be a share between 0.0 and 1.0 but was 1.5");
        assertThat(faults.journal()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void faultsAreRolledBackWhenTheBodyThrows() throws Exception {
        // WHEN
        assertThatThrownBy(() -> {
            try (FaultHandle latency = faults.dbLatency(Scope.all(), ofMillis(100), Duration.ZERO)) {
                faults.partition("b", PartitionSide.FROM_DB);
                throw new IllegalStateException("the experiment failed");
            } finally {
                faults.rollbackAll();
            }
        }).hasMessage("the experiment failed");

        // THEN
        assertThat(faults.active()).isEmpty();
        assertThat(faults.journal()).extracting(FaultRecord::name, FaultRecord::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-latency-1", false),
                        org.assertj.core.groups.Tuple.tuple("zone-partition-1", false));
        assertThat(events).containsExactly("injected db-latency-1", "injected zone-partition-1",
                "reverted db-latency-1", "reverted zone-partition-1");
    }

    @Test
    void aListenerThatRefusesAFaultKeepsItFromBeingApplied() throws Exception {
        try (Faults refusing = Faults.on(platform, new FaultListener() {
            @Override
            public void injected(FaultRecord fault) {
                throw new IllegalStateException("baseline gate failed");
            }
        })) {
            assertThatThrownBy(() -> refusing.dbOutage(Scope.all(), OutageMode.REFUSED))
                    .isInstanceOf(FaultException.class)
                    .hasMessage("fault db-outage-1 on all zones [db-csms-a, db-csms-b] was not applied: a listener"
                            + " refused it: baseline gate failed");
            assertThat(refusing.journal()).isEmpty();
        }
        assertThat(platform.proxy(link(LinkKind.NODE_TO_DB, "a")).isEnabled()).isTrue();
    }

    private OcppClient boot(URI endpoint, String id) {
        OcppClient client = OcppClient.connect(http, endpoint, id);
        String boot = client.bootNotification();
        await("BootNotification of " + id + " answered").atMost(ofSeconds(30)).until(() -> client.answered(boot));
        return client;
    }

    private URI endpoint(String zone) {
        return platform.endpoint(link(LinkKind.CHARGER_TO_NODE, zone));
    }

    private Link link(LinkKind kind, String zone) {
        return platform.links(kind, zone).getFirst();
    }

    /** A node handle that looks like csms-a but is not the platform's. */
    private static final class ForeignNode implements NodeHandle {
        @Override
        public Node node() {
            return new Node("csms-a", "a", NodeRole.CSMS, 1);
        }

        @Override
        public URI adminUri() {
            return URI.create("http://127.0.0.1:1");
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void kill() {
            throw new AssertionError("must not be called");
        }

        @Override
        public boolean stop(Duration gracePeriod) {
            throw new AssertionError("must not be called");
        }

        @Override
        public void start() {
            throw new AssertionError("must not be called");
        }

        @Override
        public Optional<Path> log() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "foreign node csms-a";
        }
    }
}
