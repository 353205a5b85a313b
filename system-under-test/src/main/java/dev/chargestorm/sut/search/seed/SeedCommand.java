package dev.chargestorm.sut.search.seed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./chargestorm seed --spots 30000 [--seed N] [--url http://127.0.0.1:8080]}: sends the
 * {@link SpotDataset} to a running central system through {@code POST /admin/spots} in batches,
 * then provisions id tags through {@code POST /admin/id-tags}, printing progress. Exit status 0
 * when everything was written, 1 when the central system refused or could not be reached, 2 on bad
 * usage.
 */
public final class SeedCommand {

	static final String USAGE = """
			Usage: ./chargestorm seed --spots N [--seed N] [--url URL] [--id-tags N] [--batch N]
			                          [--user NAME] [--password PASSWORD]
			Seeds a running central system with a deterministic dataset of charging spots across Japan
			(SPOT-000001..., charge points CP-000001..., id tags TAG-000001...) through its admin API.
			  --spots N       spots to create or update (required, 1-999999)
			  --seed N        dataset seed; the same seed gives the same data (default 1)
			  --url URL       the central system (default http://127.0.0.1:8080)
			  --id-tags N     id tags to provision (default: as many as spots)
			  --batch N       spots per request (default 1000, at most 5000)
			  --user, --password  admin credentials (default admin / chargestorm, or
			                  CHARGESTORM_ADMIN_USER / CHARGESTORM_ADMIN_PASSWORD)
			""";

	private final PrintStream out;

	private final PrintStream err;

	SeedCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new SeedCommand(System.out, System.err).run(args, System.getenv()));
	}

	/**
	 * @param args the command line
	 * @param environment where admin credentials may come from
	 * @return the exit status
	 */
	int run(String[] args, Map<String, String> environment) {
		Options options;
		try {
			options = Options.parse(args, environment);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("chargestorm seed: " + ex.getMessage());
			this.err.print(USAGE);
			return 2;
		}
		if (options == null) {
			this.out.print(USAGE);
			return 0;
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		JsonMapper json = JsonMapper.builder().build();
		long started = System.nanoTime();
		this.out.printf(Locale.ROOT, "Seeding %s with %d spots (seed %d), %d per request%n", options.url,
				options.spots, options.seed, options.batch);
		try {
			List<SeedSpot> batch = new ArrayList<>(options.batch);
			int spots = 0;
			int chargePoints = 0;
			int connectors = 0;
			for (SeedSpot spot : new SpotDataset(options.seed, options.spots)) {
				batch.add(spot);
				if (batch.size() == options.batch || spots + batch.size() == options.spots) {
					String answer = post(client, options, "/admin/spots", json.writeValueAsString(batch));
					var written = json.readTree(answer);
					spots += batch.size();
					chargePoints += written.path("chargePoints").asInt();
					connectors += written.path("connectors").asInt();
					batch.clear();
					double seconds = (System.nanoTime() - started) / 1e9;
					this.out.printf(Locale.ROOT, "  %6d / %d spots, %d charge points, %d connectors (%.0f spots/s)%n",
							spots, options.spots, chargePoints, connectors, spots / seconds);
				}
			}
			if (options.idTags > 0) {
				for (int from = 1; from <= options.idTags; from += 10_000) {
					int to = Math.min(options.idTags, from + 9_999);
					String tags = json.writeValueAsString(IntStream.rangeClosed(from, to)
						.mapToObj((i) -> Map.of("idTag", SpotDataset.idTag(i), "status", "Accepted"))
						.toList());
					post(client, options, "/admin/id-tags", tags);
				}
			}
			this.out.printf(Locale.ROOT,
					"Done in %.1f s: %d spots (SPOT-000001..), %d charge points (CP-000001..CP-%06d), %d connectors, %d id tags (TAG-000001..)%n",
					(System.nanoTime() - started) / 1e9, spots, chargePoints, chargePoints, connectors, options.idTags);
			return 0;
		}
		catch (SeedFailure ex) {
			this.err.println("chargestorm seed: " + ex.getMessage());
			return 1;
		}
	}

	private static String post(HttpClient client, Options options, String path, String body) {
		URI uri = URI.create(options.url + path);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((options.user + ":" + options.password).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException ex) {
			throw new SeedFailure("nothing answers at " + options.url + "; start the central system first"
					+ " (./chargestorm sut) or give its address with --url");
		}
		catch (IOException ex) {
			throw new SeedFailure("POST " + uri + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SeedFailure("interrupted");
		}
		if (response.statusCode() == 401) {
			throw new SeedFailure("POST " + uri + " answered 401: wrong admin credentials; give them with --user and"
					+ " --password (the central system's chargestorm.admin.username / password)");
		}
		if (response.statusCode() != 200) {
			throw new SeedFailure("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static final class SeedFailure extends RuntimeException {

		SeedFailure(String message) {
			super(message);
		}

	}

	private record Options(int spots, long seed, String url, int idTags, int batch, String user, String password) {

		/** @return the options, or null when help was asked for */
		static @org.jspecify.annotations.Nullable Options parse(String[] args, Map<String, String> environment) {
			Integer spots = null;
			long seed = 1;
			String url = "http://127.0.0.1:8080";
			Integer idTags = null;
			int batch = 1_000;
			String user = environment.getOrDefault("CHARGESTORM_ADMIN_USER", "admin");
			String password = environment.getOrDefault("CHARGESTORM_ADMIN_PASSWORD", "chargestorm");
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (option.equals("-h") || option.equals("--help")) {
					return null;
				}
				String name = option;
				String value;
				if (option.startsWith("--") && option.contains("=")) {
					name = option.substring(0, option.indexOf('='));
					value = option.substring(option.indexOf('=') + 1);
				}
				else {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException(option + " needs a value");
					}
					value = args[++i];
				}
				switch (name) {
					case "--spots" -> spots = integer(name, value, 1, 999_999);
					case "--seed" -> seed = longValue(name, value);
					case "--url" -> url = value.replaceAll("/+$", "");
					case "--id-tags" -> idTags = integer(name, value, 0, 999_999);
					case "--batch" -> batch = integer(name, value, 1, SpotAdminController.MAX_BATCH);
					case "--user" -> user = value;
					case "--password" -> password = value;
					default -> throw new IllegalArgumentException("unknown option '" + name + "'");
				}
			}
			if (spots == null) {
				throw new IllegalArgumentException("--spots is required");
			}
			if (!url.startsWith("http://") && !url.startsWith("https://")) {
				throw new IllegalArgumentException("--url must start with http:// or https:// but was '" + url + "'");
			}
			return new Options(spots, seed, url, (idTags != null) ? idTags : spots, batch, user, password);
		}

		private static int integer(String name, String value, int min, int max) {
			try {
				int number = Integer.parseInt(value);
				if (number >= min && number <= max) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
					+ " but was '" + value + "'");
		}

		private static long longValue(String name, String value) {
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a whole number but was '" + value + "'");
			}
		}

	}

}
