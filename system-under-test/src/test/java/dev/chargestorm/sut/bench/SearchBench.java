package dev.chargestorm.sut.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chargestorm.sut.database.EmbeddedPostgresServer;
import dev.chargestorm.sut.search.SearchStatements;
import dev.chargestorm.sut.search.seed.SeedSpot;
import dev.chargestorm.sut.search.seed.SpotDataset;
import dev.chargestorm.sut.support.SutProcess;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The search API under an open-loop load: requests leave at a fixed rate whatever the answers do,
 * and each latency counts from the time the request was due (not when it was sent), so a stall
 * shows up in full (corrected for coordinated omission). Runs: the search statement's plans and
 * database time with bitmap scans on and off; 200 requests/s for 60 s against 30,000 seeded spots; the same while 10,000 chargers send
 * StatusNotifications; a step search for the largest rate with p99 under 50 ms.
 */
final class SearchBench {

	private static final int SPOTS = 30_000;

	private final Consumer<String> out;

	private final List<String> sutJvm;

	private final List<String> queries;

	/** {@code -Dbench.warmup}: full load before the first measured run, as in the throughput scenarios. */
	private static final Duration WARM_UP = Duration.parse(System.getProperty("bench.warmup", "PT45S"));

	SearchBench(Consumer<String> out, List<String> sutJvm) {
		this.out = out;
		this.sutJvm = sutJvm;
		this.queries = queries(5_000);
	}

	void run(boolean withPlans, boolean withLoad) throws Exception {
		Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-databases")), "search-");
		if (withPlans) {
			plans(data);
		}
		if (withLoad) {
			load(data);
		}
	}

	/**
	 * Seeds 30,000 spots at start of a node, then measures the search statement itself on that
	 * database: EXPLAIN (ANALYZE, BUFFERS) of sample searches, and planning and execution time of
	 * 1,000 searches, with bitmap scans off (what the search pool does) and on.
	 */
	private void plans(Path data) throws Exception {
		try (SutProcess sut = SutProcess.start(data, this.sutJvm, "--chargestorm.seed.spots=" + SPOTS)) {
			Matcher seeded = Pattern.compile("Seeded .* in [0-9]+ ms").matcher(Files.readString(sut.log()));
			this.out.accept("seeding at start (--chargestorm.seed.spots=" + SPOTS + "): "
					+ (seeded.find() ? seeded.group() : "no 'Seeded' line in " + sut.log()));
		}
		List<String> samples = List.of("lat=35.6812&lng=139.7671", "lat=35.6812&lng=139.7671&status=available"
				+ "&connectorType=CHAdeMO&minPowerKw=50", "lat=35.1815&lng=136.9066&radiusKm=100&limit=100",
				"lat=43.5&lng=143.0");
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data)) {
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(postgres.jdbcUrl(), true);
			try {
				NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
				jdbc.getJdbcTemplate().execute("SET plan_cache_mode = force_custom_plan");
				jdbc.getJdbcTemplate().execute("ANALYZE");
				StringBuilder plans = new StringBuilder();
				for (String settings : List.of("enable_bitmapscan = on (planner defaults)",
						"enable_bitmapscan = off (search pool)")) {
					for (String setting : settings.replaceAll(" \\(.*", "").split(", ")) {
						jdbc.getJdbcTemplate().execute("SET " + setting);
					}
					for (String sample : samples) {
						Map.Entry<String, MapSqlParameterSource> statement = SearchStatements.of(sample);
						plans.append("\n-- ").append(settings).append(": ").append(sample)
							.append('\n');
						jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + statement.getKey(), statement.getValue(),
								String.class).forEach((row) -> plans.append(row).append('\n'));
					}
					List<Double> planning = new ArrayList<>();
					List<Double> execution = new ArrayList<>();
					for (int i = 0; i < 1_000; i++) {
						Map.Entry<String, MapSqlParameterSource> statement = SearchStatements.of(this.queries.get(i));
						for (String row : jdbc.queryForList("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) "
								+ statement.getKey(), statement.getValue(), String.class)) {
							if (row.startsWith("Planning Time:")) {
								planning.add(Double.parseDouble(row.replaceAll("[^0-9.]", "")));
							}
							else if (row.startsWith("Execution Time:")) {
								execution.add(Double.parseDouble(row.replaceAll("[^0-9.]", "")));
							}
						}
					}
					planning.sort(Double::compare);
					execution.sort(Double::compare);
					this.out.accept(("search statement, %s, 1,000 searches at random places: execution p50"
							+ " %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; planning p50 %.2f ms, p99 %.2f ms; load"
							+ " average [%s]").formatted(settings, percentile(execution, 50),
									percentile(execution, 90), percentile(execution, 99), percentile(execution, 100),
									percentile(planning, 50), percentile(planning, 99), loadAverage()));
				}
				Path planFile = Path.of("target", "bench", "search-plans.txt");
				Files.createDirectories(planFile.getParent());
				Files.writeString(planFile, plans);
				this.out.accept("sample plans: " + planFile.toAbsolutePath());
			}
			finally {
				dataSource.destroy();
			}
		}
	}

	private void load(Path data) throws Exception {
		try (SutProcess sut = SutProcess.start(data, this.sutJvm, "--spring.profiles.active=hardened",
				"--chargestorm.admission.enabled=false", "--chargestorm.search.degraded-mode.enabled=false",
				"--chargestorm.seed.spots=" + SPOTS)) {
			seedThroughTheLauncher(sut.port());
			// the same full-load warm-up as the throughput scenarios: a fresh node's JIT is not the search's latency
			this.out.accept("\n### 200 requests/s for 60 s (after " + WARM_UP.toSeconds()
					+ " s warm-up), 30,000 spots, no charger traffic");
			report(drive(sut.port(), 200, WARM_UP, Duration.ofSeconds(60)));

			this.out.accept("\n### 200 requests/s for 60 s while 10,000 chargers send a StatusNotification every 10 s");
			HttpClient chargerClient = HttpClient.newHttpClient();
			List<BenchCharger> chargers = connect(chargerClient, sut.port(), 10_000);
			this.out.accept("chargers connected and booted: " + chargers.size());
			AtomicLong statusOk = new AtomicLong();
			AtomicLong statusFailed = new AtomicLong();
			ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
			for (BenchCharger charger : chargers) {
				ticker.scheduleAtFixedRate(() -> {
					if (charger.busy()) {
						return;
					}
					String status = ThreadLocalRandom.current().nextBoolean() ? "Available" : "Charging";
					charger.call("StatusNotification",
							"{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"" + status + "\"}")
						.orTimeout(30, TimeUnit.SECONDS)
						.whenComplete((answer, failure) -> {
							if (failure == null && answer.startsWith("[3")) {
								statusOk.incrementAndGet();
							}
							else {
								statusFailed.incrementAndGet();
							}
						});
				}, ThreadLocalRandom.current().nextLong(10_000), 10_000, TimeUnit.MILLISECONDS);
			}
			long statusBefore = statusOk.get();
			long statusStarted = System.nanoTime();
			Result withChargers = drive(sut.port(), 200, Duration.ofSeconds(10), Duration.ofSeconds(60));
			double statusSeconds = (System.nanoTime() - statusStarted) / 1e9;
			report(withChargers);
			this.out.accept("StatusNotifications answered: %.0f/s; failed or timed out: %d".formatted(
					(statusOk.get() - statusBefore) / statusSeconds, statusFailed.get()));
			ticker.shutdownNow();
			chargers.forEach(BenchCharger::abort);

			this.out.accept("\n### Step search: 20 s per rate (after 5 s warm-up), no charger traffic, until p99 >= 50 ms");
			int best = 0;
			for (int rate : new int[] { 200, 400, 600, 800, 1_000, 1_250, 1_500, 2_000, 2_500, 3_000 }) {
				Result result = drive(sut.port(), rate, Duration.ofSeconds(5), Duration.ofSeconds(20));
				this.out.accept("%5d req/s: %s".formatted(rate, result.summary()));
				if (result.p99Millis() >= 50 || result.errors() > 0) {
					break;
				}
				best = rate;
			}
			this.out.accept("largest rate with p99 < 50 ms and no errors: " + best + " requests/s");
		}
	}

	/** {@code ./chargestorm seed --spots 30000} against the running node (an upsert of the same data). */
	private void seedThroughTheLauncher(int port) throws Exception {
		Path output = Files.createTempFile(Path.of("target"), "seed-", ".out");
		long started = System.nanoTime();
		Process seed = new ProcessBuilder("bash", "../chargestorm", "seed", "--spots", Integer.toString(SPOTS), "--url",
				"http://127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean done = seed.waitFor(300, TimeUnit.SECONDS);
		seed.destroyForcibly();
		List<String> lines = Files.readAllLines(output);
		this.out.accept("./chargestorm seed --spots " + SPOTS + " (upsert of the seeded data): " + (done
				? "exit " + seed.exitValue() + " after %.1f s".formatted((System.nanoTime() - started) / 1e9)
				: "did not finish in 300 s") + "; last line: " + (lines.isEmpty() ? "-" : lines.get(lines.size() - 1)));
	}

	/**
	 * CPU time the node and its PostgreSQL spend per search: independent of how busy the machine
	 * is, so it gives the search's capacity on two idle cores even when the latencies cannot.
	 */
	void cpuPerSearch() throws Exception {
		Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-databases")), "search-");
		try (SutProcess sut = SutProcess.start(data, this.sutJvm, "--chargestorm.seed.spots=" + SPOTS,
				"--chargestorm.search.degraded-mode.enabled=false")) {
			long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
			drive(sut.port(), 100, Duration.ofSeconds(10), Duration.ofSeconds(5));
			for (int rate : new int[] { 50, 100 }) {
				long nodeBefore = cpuMillis(sut.pid());
				long databaseBefore = cpuMillisWithChildren(postmaster);
				Result result = drive(sut.port(), rate, Duration.ZERO, Duration.ofSeconds(30));
				long node = cpuMillis(sut.pid()) - nodeBefore;
				long database = cpuMillisWithChildren(postmaster) - databaseBefore;
				long searches = result.ok() + result.errors();
				this.out.accept(("%d req/s for 30 s: %s%n  CPU per search: node %.2f ms, PostgreSQL %.2f ms, together %.2f ms"
						+ " (%d searches); two idle cores would serve at most about %.0f searches/s")
					.formatted(rate, result.summary(), (double) node / searches, (double) database / searches,
							(double) (node + database) / searches, searches, 2_000.0 * searches / (node + database)));
			}
		}
	}

	/** utime + stime of a process, in ms (USER_HZ 100). */
	private static long cpuMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** CPU of a process and its live children (the postmaster and its backends). */
	private static long cpuMillisWithChildren(long pid) throws IOException {
		long total = cpuMillis(pid);
		try (var processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter((path) -> path.getFileName().toString().matches("[0-9]+")).toList()) {
				try {
					String stat = Files.readString(process.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					if (Long.parseLong(fields[1]) == pid) {
						total += cpuMillis(Long.parseLong(process.getFileName().toString()));
					}
				}
				catch (IOException | RuntimeException ex) {
					// gone
				}
			}
		}
		return total;
	}

	private void report(Result result) {
		this.out.accept(result.summary());
	}

	/** Open loop: request i is due at start + i / rate; its latency counts from then. */
	private Result drive(int port, int rate, Duration warmUp, Duration measured) {
		HttpClient client = client();
		Recorder recorder = new Recorder(3);
		AtomicLong ok = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		Map<String, Long> errorKinds = new ConcurrentHashMap<>();
		long period = 1_000_000_000L / rate;
		long start = System.nanoTime() + 50_000_000L;
		long measureFrom = start + warmUp.toNanos();
		long end = measureFrom + measured.toNanos();
		String loadBefore = loadAverage();
		Prometheus metricsBefore = Prometheus.scrape(port);
		List<CompletableFuture<?>> inFlight = new ArrayList<>();
		Random random = new Random(rate);
		for (long due = start; due < end; due += period) {
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			long dueAt = due;
			boolean counted = due >= measureFrom;
			String query = this.queries.get(random.nextInt(this.queries.size()));
			CompletableFuture<?> request = send(client, port, query).whenComplete((response, failure) -> {
				if (!counted) {
					return;
				}
				recorder.recordValue(Math.max(1, (System.nanoTime() - dueAt) / 1_000));
				if (failure == null && response.statusCode() == 200) {
					ok.incrementAndGet();
				}
				else {
					errors.incrementAndGet();
					errorKinds.merge((failure != null) ? failure.getClass().getSimpleName()
							: "HTTP " + response.statusCode(), 1L, Long::sum);
				}
			});
			if (inFlight.size() > 10_000) {
				inFlight.removeIf(CompletableFuture::isDone);
			}
			inFlight.add(request);
		}
		CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
			.orTimeout(60, TimeUnit.SECONDS)
			.exceptionally((failure) -> null)
			.join();
		Histogram histogram = recorder.getIntervalHistogram();
		Prometheus metricsAfter = Prometheus.scrape(port);
		String[] fresh = { "endpoint=\"search\"", "outcome=\"fresh\"" };
		TreeMap<Double, Double> before = metricsBefore.buckets("chargestorm_search_requests_seconds", fresh);
		TreeMap<Double, Double> after = metricsAfter.buckets("chargestorm_search_requests_seconds", fresh);
		String server = "server time of 200 answers (bucket upper bounds, warm-up included): p50 <= %.1f ms, p99 <= %.1f ms"
			.formatted(Prometheus.quantile(before, after, 0.5) * 1000, Prometheus.quantile(before, after, 0.99) * 1000);
		return new Result(rate, ok.get(), errors.get(), errorKinds, histogram, loadBefore, loadAverage(), server);
	}

	private static CompletableFuture<HttpResponse<byte[]>> send(HttpClient client, int port, String query) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/spots?" + query))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
	}

	/** Searches at random places where the spots are (a seeded spot, moved up to 2 km), some with filters. */
	private static List<String> queries(int count) {
		List<SeedSpot> spots = new ArrayList<>(SPOTS);
		new SpotDataset(1, SPOTS).forEach(spots::add);
		Random random = new Random(2026);
		List<String> queries = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SeedSpot near = spots.get(random.nextInt(spots.size()));
			double lat = near.lat() + (random.nextDouble() - 0.5) * 0.036;
			double lng = near.lng() + (random.nextDouble() - 0.5) * 0.044;
			String filter = switch (random.nextInt(10)) {
				case 0 -> "&status=available";
				case 1 -> "&connectorType=CHAdeMO&minPowerKw=50";
				case 2 -> "&status=available&connectorType=Type1";
				default -> "";
			};
			queries.add(String.format(Locale.ROOT, "lat=%.5f&lng=%.5f%s", lat, lng, filter));
		}
		return queries;
	}

	private List<BenchCharger> connect(HttpClient client, int port, int count) throws InterruptedException {
		Semaphore inFlight = new Semaphore(200);
		ConcurrentLinkedQueue<BenchCharger> connected = new ConcurrentLinkedQueue<>();
		AtomicInteger failures = new AtomicInteger();
		List<CompletableFuture<?>> all = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			inFlight.acquire();
			BenchCharger charger = new BenchCharger(client, port, String.format(Locale.ROOT, "CP-%06d", i));
			all.add(charger.connect()
				.thenCompose((c) -> SutBench.bootUntilAccepted(c, 30))
				.orTimeout(120, TimeUnit.SECONDS)
				.whenComplete((c, failure) -> {
					inFlight.release();
					if (failure == null) {
						connected.add(c);
					}
					else {
						failures.incrementAndGet();
					}
				}));
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally((failure) -> null).join();
		if (failures.get() > 0) {
			this.out.accept("connect failures: " + failures.get());
		}
		return new ArrayList<>(connected);
	}

	private static double percentile(List<Double> sorted, double percentile) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private record Result(int rate, long ok, long errors, Map<String, Long> errorKinds, Histogram histogram,
			String loadBefore, String loadAfter, String server) {

		double p99Millis() {
			return this.histogram.getValueAtPercentile(99) / 1000d;
		}

		String summary() {
			return ("%d answered 200, %d errors %s; latency from the due time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
					+ " max %.1f ms; %s; load average before [%s] after [%s]").formatted(this.ok, this.errors,
							this.errorKinds, this.histogram.getValueAtPercentile(50) / 1000d,
							this.histogram.getValueAtPercentile(90) / 1000d, p99Millis(),
							this.histogram.getMaxValue() / 1000d, this.server, this.loadBefore, this.loadAfter);
		}

	}

}
