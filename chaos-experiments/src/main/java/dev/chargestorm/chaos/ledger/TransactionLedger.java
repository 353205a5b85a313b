package dev.chargestorm.chaos.ledger;

import dev.chargestorm.chaos.runtime.DatabaseEndpoint;
import dev.chargestorm.steadystate.sli.IdProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The transaction messages the central system persisted, one id per stored row, in the ids the charger fleet records
 * for every transaction message it got a CALLRESULT for ({@code FleetMetrics.acknowledgedIds()}, the steady-state id
 * set {@code fleet.confirmed-messages}):
 *
 * <table>
 * <caption>Ids</caption>
 * <tr><td>{@code StartTransaction:<chargerId>:<connectorId>:<transactionId>}</td><td>a {@code charging_transaction}
 * row; rows with the same natural key (charger, connector, idTag, timestamp, meterStart: one StartTransaction stored
 * twice) all carry the first row's transactionId, so a duplicate shows as an id that appears twice</td></tr>
 * <tr><td>{@code StopTransaction:<chargerId>:<transactionId>}</td><td>a stopped {@code charging_transaction} row, or
 * an {@code unmatched_stop_transaction} row (a stop for a transaction the system never started: stored, so not
 * lost; a stop stored both ways is a duplicate)</td></tr>
 * <tr><td>{@code MeterValues:<chargerId>:<connectorId>:<transactionId>:<sample epoch ms>}</td><td>a
 * {@code meter_value} row from a MeterValues message</td></tr>
 * </table>
 *
 * <p>Registered by the chaos-experiment extension as the probe {@value #PROBE} that the platform's invariant
 * {@code zero-lost-transactions} ({@code steady-state/slo/charging-platform.yaml}) reconciles against
 * {@code fleet.confirmed-messages}: an acknowledged id that is not here is a lost message, an id here twice a
 * duplicate. It reads the database directly ({@link DatabaseEndpoint}), so it works while a fault cuts the nodes off.
 * Each call is one query on a new connection; a failure is thrown with the URL, and the invariant check reports it.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class TransactionLedger implements IdProbe {

    /** The probe name the platform's invariant reads ({@code reconcile.actual}). */
    public static final String PROBE = "db.persisted-messages";

    /** The in-process id set the fleet fills with acknowledged messages ({@code reconcile.expected}). */
    public static final String ACKNOWLEDGED = "fleet.confirmed-messages";

    static final String QUERY = """
            SELECT 'StartTransaction:' || charge_point_id || ':' || COALESCE(connector_id::text, 'null') || ':'
                   || MIN(id) OVER (PARTITION BY charge_point_id, connector_id, id_tag, started_at, meter_start)
            FROM charging_transaction
            UNION ALL
            SELECT 'StopTransaction:' || charge_point_id || ':' || id
            FROM charging_transaction WHERE stopped_at IS NOT NULL
            UNION ALL
            SELECT 'StopTransaction:' || charge_point_id || ':' || transaction_id
            FROM unmatched_stop_transaction
            UNION ALL
            SELECT 'MeterValues:' || charge_point_id || ':' || connector_id || ':'
                   || COALESCE(transaction_id::text, 'null') || ':'
                   || ROUND(EXTRACT(EPOCH FROM sampled_at) * 1000)::bigint
            FROM meter_value WHERE source = 'MeterValues'
            """;

    private final DatabaseEndpoint database;

    private TransactionLedger(DatabaseEndpoint database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** @return the ledger of the central system whose tables live in that database */
    public static TransactionLedger of(DatabaseEndpoint database) {
        return new TransactionLedger(database);
    }

    /**
     * @return one id per stored transaction message row (an id twice: the same message stored twice)
     * @throws LedgerException naming the database when it cannot be read
     */
    @Override
    public List<String> ids() {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.setFetchSize(10_000);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(QUERY)) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException failed) {
            throw new LedgerException("could not read the persisted transaction messages from " + database.jdbcUrl()
                    + ": " + failed.getMessage() + "; is the platform's PostgreSQL running?", failed);
        }
    }

    @Override
    public String toString() {
        return "TransactionLedger[" + database.jdbcUrl() + "]";
    }

    /** The ledger could not be read. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final class LedgerException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
