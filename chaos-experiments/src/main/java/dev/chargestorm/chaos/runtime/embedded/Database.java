package dev.chargestorm.chaos.runtime.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one PostgreSQL every node shares (zonky embedded binaries), on loopback, with its log in the run folder. */
final class Database implements AutoCloseable {

    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path log;

    private Database(EmbeddedPostgres postgres, Path dataDir, Path log) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.log = log;
    }

    static Database start(Path dataDir, int port, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        stopLeftover(dataDir);
        RunFolders.deleteTree(dataDir);
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setPort(port)
                // The platform stops it (and its watchdog backstops a dead harness); no hook of zonky's own.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "400")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LOG.info("PostgreSQL started on 127.0.0.1:{}, data {}", postgres.getPort(), dataDir);
        return new Database(postgres, dataDir, log);
    }

    /** Stops a PostgreSQL that an earlier run in the same folder left running (its harness was killed). */
    private static void stopLeftover(Path dataDir) {
        readPid(dataDir).stream().mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .forEach(p -> {
                    LOG.warn("Stopping PostgreSQL (pid {}) left running in {} by an earlier run", p.pid(), dataDir);
                    p.destroy();
                    try {
                        p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception notInTime) {
                        p.destroyForcibly();
                    }
                });
    }

    int port() {
        return postgres.getPort();
    }

    Path log() {
        return log;
    }

    /** @return the postmaster's process id, from {@code postmaster.pid} */
    OptionalLong pid() {
        return readPid(dataDir);
    }

    private static OptionalLong readPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** @return a JDBC URL of the {@code postgres} database at that port (a proxy's, usually) */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?reWriteBatchedInserts=true";
    }

    @Override
    public void close() throws IOException {
        OptionalLong pid = pid();
        try {
            postgres.close();
        } finally {
            // pg_ctl stop waits for the clients; if it gave up, make sure nothing is left.
            pid.stream().mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream)
                    .filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        LOG.info("PostgreSQL stopped");
    }
}
