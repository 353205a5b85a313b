package dev.chargestorm.chaos.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chargestorm.chaos.runtime.DatabaseEndpoint;
import dev.chargestorm.steadystate.evaluation.InvariantCheck;
import dev.chargestorm.steadystate.evaluation.Verdict;
import dev.chargestorm.steadystate.slo.Invariant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger against a real PostgreSQL holding the central system's own schema (its Flyway migration), with rows as the
 * central system writes them: ids in the fleet's format, and a reconciliation that finds lost and duplicated messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionLedgerTest {

    private static final Invariant ZERO_LOST = new Invariant("zero-lost-transactions", "", TransactionLedger.ACKNOWLEDGED,
            TransactionLedger.PROBE, 0, 0, Duration.ofSeconds(30), true);
    private static final String SAMPLED = "2026-12-02T10:15:30.123Z";
    private static final long SAMPLED_MS = Instant.parse(SAMPLED).toEpochMilli();

    private EmbeddedPostgres postgres;
    private DatabaseEndpoint database;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of("target", "ledger-test-postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        database = new DatabaseEndpoint("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres",
                "postgres");
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void centralSystemSchema() throws IOException, SQLException {
        Path migration = Path.of("../system-under-test/src/main/resources/db/migration/V1__central_system.sql");
        if (!Files.exists(migration)) {
            migration = Path.of("system-under-test/src/main/resources/db/migration/V1__central_system.sql");
        }
        execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        execute(Files.readString(migration));
    }

    @Test
    void namesEveryStoredTransactionMessageAsTheFleetNamesItsAcknowledgements() throws SQLException {
        // GIVEN a transaction started, metered and stopped, a stop for an unknown transaction, and transactionData
        execute("""
                INSERT INTO charging_transaction (id, charge_point_id, connector_id, id_tag, meter_start, started_at,
                    meter_stop, stopped_at)
                VALUES (7, 'CP-000001', 1, 'TAG-000001', 1000, '2026-12-02T10:15:00Z', 2000, '2026-12-02T10:16:00Z'),
                       (8, 'CP-000001', 2, 'TAG-000002', 500, '2026-12-02T10:15:10Z', NULL, NULL);
                INSERT INTO meter_value (charge_point_id, connector_id, transaction_id, sampled_at, source,
                    sampled_values)
                VALUES ('CP-000001', 1, 7, '%s', 'MeterValues', '[{"value":"1500"}]'),
                       ('CP-000001', 1, 7, '%s', 'StopTransaction', '[{"value":"2000"}]');
                INSERT INTO unmatched_stop_transaction (charge_point_id, transaction_id, meter_stop, stopped_at)
                VALUES ('CP-000002', 99, 10, '2026-12-02T10:16:00Z');
                """.formatted(SAMPLED, SAMPLED));

        // WHEN
        List<String> ids = TransactionLedger.of(database).ids();

        // THEN
        assertThat(ids).containsExactlyInAnyOrder("StartTransaction:CP-000001:1:7", "StartTransaction:CP-000001:2:8",
                "StopTransaction:CP-000001:7", "StopTransaction:CP-000002:99",
                "MeterValues:CP-000001:1:7:" + SAMPLED_MS);
    }

    @Test
    void reconciledWithTheFleetItFindsLostAndDuplicatedMessages() throws SQLException {
        // GIVEN a central system that stored one StartTransaction twice (it lost its idempotency key) and never
        // stored a MeterValues it acknowledged
        execute("""
                DROP INDEX charging_transaction_start_key;
                INSERT INTO charging_transaction (id, charge_point_id, connector_id, id_tag, meter_start, started_at)
                VALUES (7, 'CP-000001', 1, 'TAG-000001', 1000, '2026-12-02T10:15:00Z'),
                       (9, 'CP-000001', 1, 'TAG-000001', 1000, '2026-12-02T10:15:00Z');
                """);
        List<String> acknowledged = List.of("StartTransaction:CP-000001:1:7", "MeterValues:CP-000001:1:7:" + SAMPLED_MS);

        // WHEN
        InvariantCheck check = InvariantCheck.reconcile(ZERO_LOST, Instant.now(), acknowledged,
                TransactionLedger.of(database).ids());

        // THEN
        assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.missingSample()).containsExactly("MeterValues:CP-000001:1:7:" + SAMPLED_MS);
        assertThat(check.duplicateSample()).containsExactly("StartTransaction:CP-000001:1:7");
    }

    @Test
    void everyAcknowledgedMessageStoredOnceHolds() throws SQLException {
        // GIVEN
        execute("""
                INSERT INTO charging_transaction (id, charge_point_id, connector_id, id_tag, meter_start, started_at,
                    meter_stop, stopped_at)
                VALUES (3, 'CP-000004', 1, 'TAG-000001', 1000, '2026-12-02T10:15:00Z', 1200, '2026-12-02T10:17:00Z');
                """);

        // WHEN
        InvariantCheck check = InvariantCheck.reconcile(ZERO_LOST, Instant.now(),
                List.of("StartTransaction:CP-000004:1:3", "StopTransaction:CP-000004:3"),
                TransactionLedger.of(database).ids());

        // THEN
        assertThat(check.verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.expected()).isEqualTo(2);
        assertThat(check.missing()).isZero();
        assertThat(check.duplicates()).isZero();
    }

    @Test
    void anUnreachableDatabaseIsAnErrorNamingIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres";

        assertThatThrownBy(() -> TransactionLedger.of(new DatabaseEndpoint(url, "postgres", "postgres")).ids())
                .isInstanceOf(TransactionLedger.LedgerException.class)
                .hasMessageStartingWith("could not read the persisted transaction messages from " + url + ": ")
                .hasMessageEndingWith("; is the platform's PostgreSQL running?");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
