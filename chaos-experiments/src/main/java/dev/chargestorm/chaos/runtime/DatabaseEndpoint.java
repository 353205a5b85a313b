package dev.chargestorm.chaos.runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * Where the harness reads the platform's PostgreSQL directly, bypassing every proxy: probes (the zero-lost-transactions
 * ledger) must see the database also while a fault cuts the nodes off from it.
 *
 * @param jdbcUrl  a PostgreSQL JDBC URL on loopback ({@code jdbc:postgresql://127.0.0.1:port/postgres})
 * @param user     the database user the nodes use
 * @param password its password
 */
@API(status = API.Status.EXPERIMENTAL)
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {

    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db) is needed but"
                    + " was '" + jdbcUrl + "'");
        }
    }

    /**
     * Opens a new connection that gives up after 5 s connecting and 30 s reading, so a probe never hangs a run.
     *
     * @throws SQLException naming the URL when the database cannot be reached
     */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "chargestorm-harness");
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException failed) {
            throw new SQLException("could not connect to the platform's database at " + jdbcUrl + ": "
                    + failed.getMessage(), failed.getSQLState(), failed);
        }
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + jdbcUrl + ", user " + user + "]";
    }
}
