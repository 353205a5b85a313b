package dev.chargestorm.sut.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;


import static org.awaitility.Awaitility.await;

/**
 * The packaged central system as a child process on a free loopback port, with its log in a
 * file. {@link #close()} always stops it (SIGTERM, then SIGKILL) and any PostgreSQL it left.
 */
public final class SutProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final int port;

	private final Path dataDir;

	private final Path log;

	private SutProcess(Process process, int port, Path dataDir, Path log) {
		this.process = process;
		this.port = port;
		this.dataDir = dataDir;
		this.log = log;
	}

	/**
	 * Starts {@code target/system-under-test.jar} and waits until it is healthy.
	 * @param dataDir the embedded database's data directory
	 * @param properties extra {@code --key=value} arguments
	 */
	public static SutProcess start(Path dataDir, String... properties) {
		return start(dataDir, List.of("-Xmx512m"), properties);
	}

	/**
	 * Starts {@code target/system-under-test.jar} with JVM options and waits until it is healthy.
	 * @param dataDir the embedded database's data directory
	 * @param jvmOptions options for the child JVM, such as {@code -Xmx1536m}
	 * @param properties extra {@code --key=value} arguments
	 */
	public static SutProcess start(Path dataDir, List<String> jvmOptions, String... properties) {
		Path jar = Path.of(System.getProperty("chargestorm.sut.jar", "target/system-under-test.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No " + jar + ": run the integration tests with './mvnw verify', "
					+ "which packages the jar first");
		}
		int port = freePort();
		try {
			Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "sut-logs")), "sut-" + port + "-",
					".log");
			List<String> command = new ArrayList<>();
			command.add(javaBinary());
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--chargestorm.data-dir=" + dataDir,
					"--logging.level.root=info"));
			command.addAll(List.of(properties));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			SutProcess sut = new SutProcess(process, port, dataDir, log);
			try {
				await("central system on port " + port + " healthy (log: " + log + ")").atMost(STARTUP_TIMEOUT)
					.pollInterval(Duration.ofMillis(500))
					.failFast("the central system process exited (log: " + log + ")", () -> !process.isAlive())
					.ignoreExceptions()
					.until(() -> Http.get(port, "/actuator/health").statusCode() == 200);
			}
			catch (RuntimeException ex) {
				sut.close();
				throw ex;
			}
			return sut;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** @return the process id */
	public long pid() {
		return this.process.pid();
	}

	/** @return the file the process logs to */
	public Path log() {
		return this.log;
	}

	/** Sends SIGTERM and waits for the process to exit. */
	public void terminate(Duration timeout) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("The central system did not stop within " + timeout + " of SIGTERM (log: "
						+ this.log + ")");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
		stopLeftoverPostgres(this.dataDir);
	}

	/** Stops a PostgreSQL whose central system died without stopping it. */
	static void stopLeftoverPostgres(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return;
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			Optional<ProcessHandle> postgres = ProcessHandle.of(pid);
			postgres.ifPresent((handle) -> {
				handle.destroy();
				handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> {
					handle.destroyForcibly();
					return handle;
				}).join();
			});
		}
		catch (IOException | RuntimeException ex) {
			// nothing left to stop
		}
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): the node binds it seconds after it
	 * was chosen, and on a machine where other processes open tens of thousands of connections an
	 * ephemeral port is often taken by an outgoing connection in between.
	 */
	private static int freePort() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 100; attempt++) {
			int candidate = random.nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(candidate, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// taken, try another
			}
		}
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
