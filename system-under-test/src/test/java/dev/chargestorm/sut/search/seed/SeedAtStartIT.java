package dev.chargestorm.sut.search.seed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.SutProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar: {@code --chargestorm.seed.spots=N} seeds an empty database before the node
 * serves, and {@code ./chargestorm seed} (the launcher itself) seeds a running one.
 */
class SeedAtStartIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aNodeStartedWithTheSeedOptionServesSearchesAndTheLauncherSeedsIt() throws Exception {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-databases")), "seed-");
		try (SutProcess sut = SutProcess.start(dataDir, "--chargestorm.seed.spots=3000", "--chargestorm.seed.seed=11")) {
			// THEN the node has the dataset at once
			JsonNode tokyo = JSON.readTree(Http.get(sut.port(), "/api/spots?lat=35.6812&lng=139.7671&limit=20").body());
			assertThat(tokyo.get("spots")).hasSize(20);
			assertThat(tokyo.get("nextCursor").isNull()).isFalse();
			assertThat(tokyo.get("spots").get(0).get("id").asString()).startsWith("SPOT-");
			assertThat(Files.readString(sut.log())).contains("Seeded 3000 spots");
			// WHEN the launcher seeds more
			Path output = Files.createTempFile(Path.of("target"), "seed-", ".out");
			Process launcher = new ProcessBuilder("bash", "../chargestorm", "seed", "--spots", "3500", "--seed", "11",
					"--batch", "1000", "--url", "http://127.0.0.1:" + sut.port())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			try {
				assertThat(launcher.waitFor(180, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
				String printed = Files.readString(output, StandardCharsets.UTF_8);
				assertThat(launcher.exitValue()).as(printed).isZero();
				assertThat(printed).contains("1000 / 3500 spots", "3500 / 3500 spots", "Done in");
			}
			finally {
				launcher.destroyForcibly();
			}
			JsonNode last = JSON.readTree(Http.get(sut.port(), "/api/spots/SPOT-003500").body());
			assertThat(last.get("connectors").size()).isPositive();
			// and the first 3000 spots are the same (same seed): nothing changed but the additions
			List<SeedSpot> expected = new java.util.ArrayList<>();
			new SpotDataset(11, 3500).forEach(expected::add);
			assertThat(last.get("name").asString()).isEqualTo(expected.get(3499).name());
		}
		finally {
			deleteQuietly(dataDir);
		}
	}

	private static void deleteQuietly(Path dir) {
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// left for the next clean
		}
	}

}
