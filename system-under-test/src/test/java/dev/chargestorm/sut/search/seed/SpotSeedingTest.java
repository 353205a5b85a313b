package dev.chargestorm.sut.search.seed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeding through {@code POST /admin/spots} and the seed command, against the running central system. */
class SpotSeedingTest extends SutIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String VALID = """
			{"id":"ADM-1","name":"Admin spot","address":"1-1 Test","lat":35.0,"lng":139.0,
			 "chargers":[{"chargePointId":"ADM-CP1","connectors":[{"connectorId":1,"type":"CHAdeMO","powerKw":50,
			 "initialStatus":"Available"},{"connectorId":2,"type":"CCS2","powerKw":90}]}]}""";

	@Test
	void theAdminEndpointUpsertsSpotsAndRegistersTheirChargePoints() {
		// WHEN
		HttpResponse<String> first = Http.adminPost(this.port, "/admin/spots", "[" + VALID + "]");
		HttpResponse<String> again = Http.adminPost(this.port, "/admin/spots",
				"[" + VALID.replace("Admin spot", "Renamed spot") + "]");
		HttpResponse<String> anonymous = Http.post(this.port, "/admin/spots", "[" + VALID + "]");
		// THEN
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(JSON.readTree(first.body()).get("connectors").asInt()).isEqualTo(2);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT name FROM spot WHERE id = 'ADM-1'", String.class))
			.isEqualTo("Renamed spot");
		assertThat(this.jdbc.queryForObject("SELECT spot_id FROM charge_point WHERE id = 'ADM-CP1'", String.class))
			.isEqualTo("ADM-1");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM connector WHERE charge_point_id = 'ADM-CP1'",
				Integer.class)).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT status FROM connector_status WHERE charge_point_id = 'ADM-CP1'",
				String.class)).containsExactly("Available");
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			latitude out of range   | "lat":35.0                | "lat":91.0                 | [0].lat: must be less than or equal to 90
			blank id                | "id":"ADM-1"              | "id":" "                   | [0].id: must not be blank
			zero power              | "powerKw":50              | "powerKw":0                | [0].chargers[0].connectors[0].powerKw
			duplicate connector id  | "connectorId":2           | "connectorId":1            | [0].chargers[0].connectors[1].connectorId: appears twice
			unknown connector type  | "CCS2"                    | "Schuko"                   | not a JSON array of spots
			""")
	void badSpotsGet400NamingWhereTheProblemIs(String name, String from, String to, String expected) {
		String body = "[" + VALID.replace(from, to) + "]";
		// WHEN
		HttpResponse<String> response = Http.adminPost(this.port, "/admin/spots", body);
		// THEN
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains(expected);
	}

	@Test
	void aBatchBeyondTheLimitIsRefusedWithAdvice() {
		List<String> spots = new ArrayList<>();
		for (int i = 0; i <= SpotAdminController.MAX_BATCH; i++) {
			spots.add(VALID.replace("ADM-1", "BIG-" + i).replace("ADM-CP1", "BIG-CP" + i));
		}
		HttpResponse<String> response = Http.adminPost(this.port, "/admin/spots", "[" + String.join(",", spots) + "]");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("at most 5000 spots per request",
				"send them in batches");
		HttpResponse<String> empty = Http.adminPost(this.port, "/admin/spots", "[]");
		assertThat(empty.statusCode()).isEqualTo(400);
	}

	@Test
	void theSeedCommandSendsTheDeterministicDatasetWithProgress() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		SeedCommand command = new SeedCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String[] args = { "--spots", "300", "--seed", "5", "--batch", "100", "--url", "http://127.0.0.1:" + this.port };
		// WHEN
		int status = command.run(args, Map.of());
		int again = command.run(args, Map.of());
		// THEN
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(again).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("100 / 300 spots", "200 / 300 spots",
				"300 / 300 spots", "Done in", "CP-000001..");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM spot WHERE id LIKE 'SPOT-%'", Integer.class))
			.isEqualTo(300);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM id_tag WHERE id_tag LIKE 'TAG-%'", Integer.class))
			.isEqualTo(300);
		List<SeedSpot> expected = new ArrayList<>();
		new SpotDataset(5, 300).forEach(expected::add);
		int chargePoints = expected.stream().mapToInt((spot) -> spot.chargers().size()).sum();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM charge_point WHERE id LIKE 'CP-%'", Integer.class))
			.isEqualTo(chargePoints);
		SeedSpot last = expected.get(299);
		Map<String, Object> stored = this.jdbc.queryForMap("SELECT name, lat, lng FROM spot WHERE id = ?", last.id());
		assertThat(stored).containsEntry("name", last.name()).containsEntry("lat", last.lat()).containsEntry("lng",
				last.lng());
		// and the seeded spots are found by the search
		JsonNode page = JSON.readTree(Http.get(this.port,
				"/api/spots?lat=" + last.lat() + "&lng=" + last.lng() + "&radiusKm=1&limit=1").body());
		assertThat(page.get("spots").get(0).get("id").asString()).isEqualTo(last.id());
	}

	@Test
	void theSeedCommandExplainsBadUsageAndAnUnreachableCentralSystem() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		SeedCommand command = new SeedCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		// WHEN
		int badNumber = command.run(new String[] { "--spots", "many" }, Map.of());
		int missing = command.run(new String[] { "--seed", "3" }, Map.of());
		int unreachable = command.run(new String[] { "--spots", "10", "--url", "http://127.0.0.1:" + closedPort },
				Map.of());
		int wrongPassword = command.run(new String[] { "--spots", "10", "--url", "http://127.0.0.1:" + this.port },
				Map.of("CHARGESTORM_ADMIN_PASSWORD", "wrong"));
		// THEN
		String errors = err.toString(StandardCharsets.UTF_8);
		assertThat(badNumber).isEqualTo(2);
		assertThat(missing).isEqualTo(2);
		assertThat(unreachable).isEqualTo(1);
		assertThat(wrongPassword).isEqualTo(1);
		assertThat(errors).contains("--spots must be a whole number from 1 to 999999 but was 'many'",
				"--spots is required", "start the central system first", "wrong admin credentials", "Usage:");
	}

}
