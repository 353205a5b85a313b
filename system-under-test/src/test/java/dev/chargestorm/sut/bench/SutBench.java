package dev.chargestorm.sut.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.SutProcess;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Benchmarks of the central system as a process, driven over loopback by benchmark chargers in
 * this JVM. Scenarios: {@code idle} (15,000 idle connections: heap and RSS), {@code throughput}
 * (1,000 chargers sending Heartbeat, StatusNotification and MeterValues), {@code storm} (10,000
 * chargers reconnecting at once, naive and hardened), {@code search} (the spot search API under an
 * open-loop load, see {@link SearchBench}). Results go to stdout and target/bench/.
 */
public final class SutBench {

	/** The central system's JVM options: the launcher's defaults unless {@code -Dbench.sut.jvm} says otherwise. */
	private static final List<String> SUT_JVM = List.of(System.getProperty("bench.sut.jvm", "-Xms1536m -Xmx1536m -XX:MetaspaceSize=128m").trim().split("\\s+"));

	/**
	 * Full load before the throughput window. The first young collections after start move the
	 * state of 1,000 connected chargers into the old generation (60-95 MB, pauses of 130-360 ms on
	 * two saturated cores); the window measures the node after that, as it runs for days. Set with
	 * {@code -Dbench.warmup=PT10S} to see the node right after start.
	 */
	private static final Duration WARM_UP = Duration.parse(System.getProperty("bench.warmup", "PT45S"));

	private static final String BOOT = "{\"chargePointVendor\":\"ChargeStorm\",\"chargePointModel\":\"Bench\"}";

	private final StringBuilder report = new StringBuilder();

	private SutBench() {
	}

	public static void main(String[] args) throws Exception {
		String scenario = (args.length > 0) ? args[0] : "all";
		SutBench bench = new SutBench();
		bench.line("# Central system benchmark (" + scenario + ") " + Instant.now());
		bench.line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap for the load JVM, java "
				+ System.getProperty("java.version") + "; central system JVM options: " + String.join(" ", SUT_JVM));
		switch (scenario) {
			case "idle" -> bench.idle(15_000);
			case "throughput" -> {
				bench.throughput(1_000, 3, Duration.ofSeconds(60), "naive");
				bench.throughput(1_000, 3, Duration.ofSeconds(60), "hardened");
			}
			case "search" -> {
				bench.line("\n## Search API: 30,000 spots, open-loop load (" + String.join(" ", SUT_JVM) + ")");
				new SearchBench(bench::line, SUT_JVM).run(true, true);
			}
			case "search-load" -> {
				bench.line("\n## Search API under load: 30,000 spots (" + String.join(" ", SUT_JVM) + ")");
				new SearchBench(bench::line, SUT_JVM).run(false, true);
			}
			case "search-cpu" -> {
				bench.line("\n## Search API: CPU per search, 30,000 spots (" + String.join(" ", SUT_JVM) + ")");
				new SearchBench(bench::line, SUT_JVM).cpuPerSearch();
			}
			case "search-plans" -> {
				bench.line("\n## Search statement plans: 30,000 spots");
				new SearchBench(bench::line, SUT_JVM).run(true, false);
			}
			case "throughput-hardened" -> bench.throughput(1_000, 3, Duration.ofSeconds(60), "hardened");
			case "storm" -> {
				bench.storm(10_000, "naive");
				bench.storm(10_000, "hardened");
			}
			case "all" -> {
				bench.idle(15_000);
				bench.throughput(1_000, 3, Duration.ofSeconds(60), "naive");
				bench.throughput(1_000, 3, Duration.ofSeconds(60), "hardened");
				bench.storm(10_000, "naive");
				bench.storm(10_000, "hardened");
			}
			default -> throw new IllegalArgumentException(
					"Unknown scenario '" + scenario + "'; use idle, throughput, storm, search, search-plans, search-load, search-cpu or all");
		}
		Path out = Files.createDirectories(Path.of("target", "bench")).resolve("sut-" + scenario + ".md");
		Files.writeString(out, bench.report);
		System.out.println("Report written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private void idle(int chargers) throws Exception {
		line("\n## " + chargers + " idle OCPP connections on one node (-Xmx1536m, naive defaults)");
		try (SutProcess sut = SutProcess.start(dataDir("idle"), SUT_JVM)) {
			HttpClient client = HttpClient.newHttpClient();
			long started = System.nanoTime();
			List<BenchCharger> connected = connectAll(client, sut.port(), "IDLE", chargers, true);
			double seconds = (System.nanoTime() - started) / 1e9;
			line("connected and booted: %d of %d in %.1f s".formatted(connected.size(), chargers, seconds));
			pause(Duration.ofSeconds(15));
			String node = Http.adminGet(sut.port(), "/admin/node").body();
			line("node says: " + node);
			jcmd(sut.pid(), "GC.run");
			pause(Duration.ofSeconds(2));
			String heap = Http.adminGet(sut.port(), "/actuator/metrics/jvm.memory.used?tag=area:heap").body();
			double heapBytes = Double.parseDouble(heap.replaceAll(".*\"value\":([0-9.E+]+).*", "$1"));
			line("heap used after full GC: %.0f MB; RSS: %s; open files: %d".formatted(heapBytes / (1 << 20),
					procStatus(sut.pid(), "VmRSS"), openFiles(sut.pid())));
			connected.forEach(BenchCharger::abort);
		}
	}

	private void throughput(int chargers, int perChargerPerSecond, Duration duration, String profile)
			throws Exception {
		line("\n## %d chargers x %d msg/s (Heartbeat, StatusNotification, MeterValues), %s profile, %ds after %ds of warm-up"
			.formatted(chargers, perChargerPerSecond, profile, duration.toSeconds(), WARM_UP.toSeconds()));
		try (SutProcess sut = SutProcess.start(dataDir("throughput-" + profile), SUT_JVM,
				"--spring.profiles.active=" + profile, "--chargestorm.admission.enabled=false")) {
			HttpClient client = HttpClient.newHttpClient();
			List<BenchCharger> connected = connectAll(client, sut.port(), "TP", chargers, true);
			Recorder rtt = new Recorder(3);
			AtomicLong ok = new AtomicLong();
			AtomicLong errors = new AtomicLong();
			AtomicLong skipped = new AtomicLong();
			Map<String, Long> errorKinds = new ConcurrentHashMap<>();
			ScheduledExecutorService ticker = Executors.newScheduledThreadPool(4);
			long periodMicros = 1_000_000L / perChargerPerSecond;
			for (BenchCharger charger : connected) {
				AtomicInteger step = new AtomicInteger();
				ticker.scheduleAtFixedRate(() -> {
					if (charger.busy()) {
						skipped.incrementAndGet();
						return;
					}
					long sent = System.nanoTime();
					String[] message = message(step.getAndIncrement());
					charger.call(message[0], message[1]).orTimeout(30, TimeUnit.SECONDS).whenComplete((answer, failure) -> {
						rtt.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
						if (failure == null && answer.startsWith("[3")) {
							ok.incrementAndGet();
						}
						else {
							errors.incrementAndGet();
							errorKinds.merge(errorKind(answer, failure), 1L, Long::sum);
						}
					});
				}, ThreadLocalRandom.current().nextLong(periodMicros), periodMicros, TimeUnit.MICROSECONDS);
			}
			pause(WARM_UP);
			ok.set(0);
			errors.set(0);
			skipped.set(0);
			errorKinds.clear();
			rtt.getIntervalHistogram();
			Prometheus before = Prometheus.scrape(sut.port());
			TreeMap<Double, Double> bucketsBefore = before.buckets("chargestorm_ocpp_processing_seconds");
			Map<String, TreeMap<Double, Double>> actionBucketsBefore = new java.util.LinkedHashMap<>();
			for (String action : List.of("Heartbeat", "StatusNotification", "MeterValues")) {
				actionBucketsBefore.put(action,
						before.buckets("chargestorm_ocpp_processing_seconds", "action=\"" + action + "\""));
			}
			DoubleAccumulator pendingMax = new DoubleAccumulator(Math::max, 0);
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleAtFixedRate(() -> pendingMax
				.accumulate(Prometheus.scrape(sut.port()).sum("hikaricp_connections_pending")), 0, 500,
					TimeUnit.MILLISECONDS);
			long started = System.nanoTime();
			pause(duration);
			double seconds = (System.nanoTime() - started) / 1e9;
			long answered = ok.get();
			long failed = errors.get();
			long backpressure = skipped.get();
			Histogram histogram = rtt.getIntervalHistogram();
			ticker.shutdownNow();
			sampler.shutdownNow();
			Prometheus after = Prometheus.scrape(sut.port());
			TreeMap<Double, Double> bucketsAfter = after.buckets("chargestorm_ocpp_processing_seconds");
			line("answered: %d CALLRESULTs in %.1f s = %.0f msg/s; CALLERRORs or timeouts: %d; skipped (previous CALL still open): %d"
				.formatted(answered, seconds, answered / seconds, failed, backpressure));
			errorKinds.forEach((kind, count) -> line("  %d x %s".formatted(count, kind)));
			line("client round trip: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(
					histogram.getValueAtPercentile(50) / 1000d, histogram.getValueAtPercentile(90) / 1000d,
					histogram.getValueAtPercentile(99) / 1000d, histogram.getMaxValue() / 1000d));
			line("server processing (histogram bucket upper bounds): p50 <= %.1f ms, p99 <= %.1f ms".formatted(
					Prometheus.quantile(bucketsBefore, bucketsAfter, 0.5) * 1000,
					Prometheus.quantile(bucketsBefore, bucketsAfter, 0.99) * 1000));
			actionBucketsBefore.forEach((action, bucketsOfAction) -> {
				TreeMap<Double, Double> afterOfAction = after.buckets("chargestorm_ocpp_processing_seconds",
						"action=\"" + action + "\"");
				line("  %s: p50 <= %.1f ms, p99 <= %.1f ms".formatted(action,
						Prometheus.quantile(bucketsOfAction, afterOfAction, 0.5) * 1000,
						Prometheus.quantile(bucketsOfAction, afterOfAction, 0.99) * 1000));
			});
			line("database pool: at most %.0f threads waiting for a connection".formatted(pendingMax.get()));
			line("central system GC: " + Http.adminGet(sut.port(), "/actuator/metrics/jvm.gc.pause").body()
				.replaceAll(".*\"measurements\":(\\[[^]]*\\]).*", "$1"));
			connected.forEach(BenchCharger::abort);
		}
	}

	/** A failed call's error code and description, or its exception, so a report says what went wrong. */
	private static String errorKind(String answer, Throwable failure) {
		if (failure != null) {
			return failure.getClass().getSimpleName();
		}
		return answer.replaceAll("^\\[4,\"[^\"]*\",(\"[^\"]*\",\"[^\"]*\").*", "CALLERROR $1");
	}

	private void storm(int chargers, String profile) throws Exception {
		line("\n## %d chargers reconnecting at once, %s profile".formatted(chargers, profile));
		List<String> properties = new ArrayList<>(List.of("--spring.profiles.active=" + profile));
		if (profile.equals("hardened")) {
			// Keep the run bounded: the default Pending interval (60-300 s) would make it last minutes.
			properties.addAll(List.of("--chargestorm.boot.pending-valve.min-interval=5s",
					"--chargestorm.boot.pending-valve.max-interval=20s"));
			line("(Pending valve interval for this run: 5-20 s instead of the default 60-300 s)");
		}
		try (SutProcess sut = SutProcess.start(dataDir("storm-" + profile), SUT_JVM,
				properties.toArray(String[]::new))) {
			HttpClient client = HttpClient.newHttpClient();
			Storm storm = new Storm(client, sut.port(), chargers);
			storm.connectInitially();
			line("initially connected and Accepted: " + storm.accepted.get());
			DoubleAccumulator pendingMax = new DoubleAccumulator(Math::max, 0);
			DoubleAccumulator activeMax = new DoubleAccumulator(Math::max, 0);
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleAtFixedRate(() -> {
				try {
					Prometheus metrics = Prometheus.scrape(sut.port());
					pendingMax.accumulate(metrics.sum("hikaricp_connections_pending"));
					activeMax.accumulate(metrics.sum("hikaricp_connections_active"));
				}
				catch (RuntimeException ex) {
					// the node may be too busy to answer a scrape; the next one counts
				}
			}, 0, 200, TimeUnit.MILLISECONDS);
			storm.reset();
			long t0 = System.nanoTime();
			storm.t0 = t0;
			String result = Http.adminPost(sut.port(), "/admin/disconnect",
					"{\"fraction\":1.0,\"mode\":\"CLEAN\",\"closeCode\":1001}").body();
			line("disconnect: " + result);
			long deadline = t0 + Duration.ofMinutes(10).toNanos();
			while (storm.accepted.get() < chargers && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(200));
			}
			sampler.shutdownNow();
			List<Long> times = new ArrayList<>(storm.acceptedAtNanos);
			times.sort(Long::compare);
			line("Accepted again: %d of %d".formatted(times.size(), chargers));
			for (double share : new double[] { 0.5, 0.95, 0.99, 1.0 }) {
				int index = (int) Math.ceil(share * chargers) - 1;
				line("  %3.0f %% Accepted after: %s".formatted(share * 100,
						(index < times.size()) ? "%.1f s".formatted((times.get(index) - t0) / 1e9) : "not reached"));
			}
			line("handshakes refused (503/other): %d; BootNotification Pending answers: %d; CALLERRORs or timeouts: %d"
				.formatted(storm.refused.get(), storm.pending.get(), storm.errors.get()));
			line("database pool: at most %.0f of 10 connections active, at most %.0f threads waiting".formatted(
					activeMax.get(), pendingMax.get()));
			storm.stop();
		}
	}

	private List<BenchCharger> connectAll(HttpClient client, int port, String prefix, int count, boolean boot)
			throws InterruptedException {
		Semaphore inFlight = new Semaphore(200);
		ConcurrentLinkedQueue<BenchCharger> connected = new ConcurrentLinkedQueue<>();
		AtomicInteger failures = new AtomicInteger();
		List<CompletableFuture<?>> all = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			inFlight.acquire();
			BenchCharger charger = new BenchCharger(client, port, prefix + "-" + i);
			CompletableFuture<?> done = charger.connect()
				.thenCompose((c) -> boot ? bootUntilAccepted(c, 30) : CompletableFuture.completedFuture(c))
				.orTimeout(120, TimeUnit.SECONDS)
				.whenComplete((c, failure) -> {
					inFlight.release();
					if (failure == null) {
						connected.add(c);
					}
					else {
						failures.incrementAndGet();
					}
				});
			all.add(done);
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally((failure) -> null).join();
		if (failures.get() > 0) {
			line("connect failures: " + failures.get());
		}
		return new ArrayList<>(connected);
	}

	/** Boots; a Pending answer (the valve under connect load) is retried after 1 s, not after its interval. */
	static CompletableFuture<BenchCharger> bootUntilAccepted(BenchCharger charger, int attempts) {
		return charger.call("BootNotification", BOOT).thenCompose((answer) -> {
			if (answer.contains("\"Accepted\"")) {
				return CompletableFuture.completedFuture(charger);
			}
			if (attempts <= 1) {
				// a charger still Pending may send nothing else: leave it out of the load, counted as a failure
				return CompletableFuture.failedFuture(new IllegalStateException(charger + " was never Accepted"));
			}
			return CompletableFuture.supplyAsync(() -> charger,
					CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
				.thenCompose((c) -> bootUntilAccepted(c, attempts - 1));
		});
	}

	private static String[] message(int step) {
		return switch (step % 3) {
			case 0 -> new String[] { "Heartbeat", "{}" };
			case 1 -> new String[] { "StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\""
					+ ((step % 2 == 0) ? "Charging" : "SuspendedEV") + "\"}" };
			default -> new String[] { "MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\""
					+ Instant.now() + "\",\"sampledValue\":[{\"value\":\"" + step + "\"}]}]}" };
		};
	}

	/** Chargers that reconnect at once after any close and boot again, honouring Retry-After and Pending. */
	private final class Storm {

		private final HttpClient client;

		private final int port;

		private final int count;

		private final List<BenchCharger> chargers = new ArrayList<>();

		private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);

		private final AtomicInteger accepted = new AtomicInteger();

		private final AtomicInteger refused = new AtomicInteger();

		private final AtomicInteger pending = new AtomicInteger();

		private final AtomicInteger errors = new AtomicInteger();

		private final ConcurrentLinkedQueue<Long> acceptedAtNanos = new ConcurrentLinkedQueue<>();

		private volatile long t0 = -1;

		private volatile boolean stopped;

		Storm(HttpClient client, int port, int count) {
			this.client = client;
			this.port = port;
			this.count = count;
		}

		void connectInitially() throws InterruptedException {
			Semaphore inFlight = new Semaphore(200);
			for (int i = 0; i < this.count; i++) {
				BenchCharger charger = new BenchCharger(this.client, this.port, "STORM-" + i);
				this.chargers.add(charger);
				charger.onClose((code) -> reconnect(charger));
				inFlight.acquire();
				connectAndBoot(charger).whenComplete((ignored, failure) -> inFlight.release());
			}
			inFlight.acquire(200);
			inFlight.release(200);
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (this.accepted.get() < this.count && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(200));
			}
		}

		void reset() {
			this.accepted.set(0);
			this.refused.set(0);
			this.pending.set(0);
			this.errors.set(0);
			this.acceptedAtNanos.clear();
		}

		private void reconnect(BenchCharger charger) {
			if (!this.stopped) {
				connectAndBoot(charger);
			}
		}

		private CompletableFuture<Void> connectAndBoot(BenchCharger charger) {
			return charger.connect().thenCompose(this::boot).exceptionally((failure) -> {
				if (BenchCharger.refusedStatus(failure) > 0) {
					this.refused.incrementAndGet();
				}
				String retryAfter = BenchCharger.retryAfter(failure);
				long delayMillis = ((retryAfter != null) ? Long.parseLong(retryAfter) * 1000 : 1000)
						+ ThreadLocalRandom.current().nextLong(1000);
				retryLater(() -> connectAndBoot(charger), delayMillis);
				return null;
			});
		}

		private CompletableFuture<Void> boot(BenchCharger charger) {
			return charger.call("BootNotification", BOOT).orTimeout(30, TimeUnit.SECONDS).handle((answer, failure) -> {
				if (failure != null || !answer.startsWith("[3")) {
					this.errors.incrementAndGet();
					// A closed connection reconnects through onClose; a CALLERROR or a timeout retries the boot.
					if (failure == null || causedBy(failure, java.util.concurrent.TimeoutException.class)) {
						retryLater(() -> boot(charger), 1000);
					}
					return null;
				}
				if (answer.contains("\"Pending\"")) {
					this.pending.incrementAndGet();
					long interval = Long.parseLong(answer.replaceAll(".*\"interval\":([0-9]+).*", "$1"));
					retryLater(() -> boot(charger), interval * 1000);
					return null;
				}
				this.accepted.incrementAndGet();
				this.acceptedAtNanos.add(System.nanoTime());
				String status = "{\"connectorId\":%d,\"errorCode\":\"NoError\",\"status\":\"Available\"}";
				charger.call("StatusNotification", status.formatted(1))
					.thenCompose((ignored) -> charger.call("StatusNotification", status.formatted(2)));
				return null;
			});
		}

		private void retryLater(Runnable action, long delayMillis) {
			if (!this.stopped) {
				this.retries.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
			}
		}

		void stop() {
			this.stopped = true;
			this.retries.shutdownNow();
			this.chargers.forEach(BenchCharger::abort);
		}

	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private void line(String text) {
		System.out.println(text);
		this.report.append(text).append('\n');
	}

	private static void pause(Duration duration) {
		CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS)).join();
	}

	private static Path dataDir(String name) throws IOException {
		Path parent = Files.createDirectories(Path.of("target", "bench-databases"));
		return Files.createTempDirectory(parent, name + "-");
	}

	private static void jcmd(long pid, String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).inheritIO().start().waitFor(60,
				TimeUnit.SECONDS);
	}

	private static String procStatus(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field + ":")) {
				long kb = Long.parseLong(line.replaceAll("\\D", ""));
				return String.format(Locale.ROOT, "%.0f MB", kb / 1024d);
			}
		}
		return "unknown";
	}

	private static long openFiles(long pid) throws IOException {
		try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return files.count();
		}
	}


}
