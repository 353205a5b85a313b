package dev.chargestorm.sut.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server from the zonky embedded binaries, in a data directory that survives
 * restarts of the central system.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	static final String USER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	private final Path dataDir;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
		this.postgres = postgres;
		this.dataDir = dataDir;
	}

	/**
	 * Starts PostgreSQL on a free loopback port with its data in {@code dataDir}, creating the
	 * cluster on first use and reusing it afterwards.
	 * @param dataDir the data directory
	 * @return the running server
	 */
	public static EmbeddedPostgresServer start(Path dataDir) {
		Path absolute = dataDir.toAbsolutePath().normalize();
		try {
			Files.createDirectories(absolute);
			stopOrphanedPostgres(absolute);
			boolean existing = Files.exists(absolute.resolve("PG_VERSION"));
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(absolute)
				.setCleanDataDirectory(false)
				// Spring closes this bean after the connection pool; a JVM hook of its own would stop
				// PostgreSQL while the application still writes during shutdown.
				.setRegisterShutdownHook(false)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "300")
				.start();
			logger.info("Embedded PostgreSQL started on port {} with {} data directory {}", postgres.getPort(),
					existing ? "existing" : "new", absolute);
			return new EmbeddedPostgresServer(postgres, absolute);
		}
		catch (OverlappingFileLockException ex) {
			throw new IllegalStateException("The data directory " + absolute
					+ " is already used by another embedded PostgreSQL in this process;"
					+ " give each central system its own chargestorm.data-dir", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + absolute
					+ ". Check that the directory is writable and not used by another running central system,"
					+ " or set spring.datasource.url to use an external database.", ex);
		}
	}

	/**
	 * A central system killed with SIGKILL leaves its PostgreSQL running, holding the data
	 * directory; stop it so that a restart (the node coming back after a crash) works.
	 */
	private static void stopOrphanedPostgres(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		}
		catch (NumberFormatException | IndexOutOfBoundsException ex) {
			return;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid)
			.filter((handle) -> handle.info().command().map((command) -> command.contains("postgres")).orElse(false));
		if (process.isEmpty()) {
			return;
		}
		logger.warn("Stopping PostgreSQL (pid {}) left running in {} by a central system that did not shut down",
				pid, dataDir);
		process.get().destroy();
		try {
			process.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.get().destroyForcibly();
		}
	}

	/**
	 * @return the JDBC URL of the {@code postgres} database; batched inserts are sent as
	 * multi-row statements
	 */
	public String jdbcUrl() {
		return postgres.getJdbcUrl(USER, USER) + "&reWriteBatchedInserts=true";
	}

	/** @return the port PostgreSQL listens on (loopback) */
	public int port() {
		return postgres.getPort();
	}

	/** @return the data directory */
	public Path dataDir() {
		return dataDir;
	}

	@Override
	public void close() {
		try {
			postgres.close();
			logger.info("Embedded PostgreSQL in {} stopped", dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded PostgreSQL in " + dataDir, ex);
		}
	}

}
