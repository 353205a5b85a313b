package dev.chargestorm.sut.search;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.sut.database.EmbeddedPostgresServer;
import dev.chargestorm.sut.search.seed.SpotWriter;
import dev.chargestorm.sut.support.PgWireProxy;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.chargestorm.sut.search.SpotFixtures.charger;
import static dev.chargestorm.sut.search.SpotFixtures.connector;
import static dev.chargestorm.sut.search.SpotFixtures.json;
import static dev.chargestorm.sut.search.SpotFixtures.search;
import static dev.chargestorm.sut.search.SpotFixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Degraded mode off (the default): with the search database hung or down, a search fails fast
 * with a clear 503 and Retry-After instead of hanging, even one the node answered a moment ago.
 */
@TestPropertySource(properties = "chargestorm.search.query-timeout=1s")
class DegradedModeOffTest extends SutIntegrationTest {

	private static final PgWireProxy PROXY = PgWireProxy.start();

	private static final String QUERY = "lat=41.0&lng=150.0";

	@Autowired
	private SpotWriter writer;

	@Autowired
	private EmbeddedPostgresServer postgres;

	@DynamicPropertySource
	static void searchPoolThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("chargestorm.search.pool.url",
				() -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/postgres?sslmode=disable");
	}

	@BeforeEach
	void seed() {
		PROXY.target(this.postgres.port());
		this.writer.upsert(List.of(spot("OFF-1", 41.0, 150.0, 100, 0,
				charger("OFF-CP1", connector(1, ConnectorType.CHAdeMO, 50, null)))));
		await("a fresh answer").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(search(this.port, QUERY).statusCode()).isEqualTo(200));
	}

	@AfterEach
	void repairTheDatabase() {
		PROXY.resume();
		PROXY.up();
	}

	@AfterAll
	static void stopProxy() {
		PROXY.close();
	}

	@Test
	void aDatabaseThatIsDownGivesAFast503() {
		PROXY.down();
		// WHEN
		long started = System.nanoTime();
		HttpResponse<String> response = search(this.port, QUERY);
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		// THEN
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(elapsedMillis).isLessThan(1_500L);
		assertUnavailableProblem(response);
	}

	@Test
	void aHungDatabaseGivesA503WithinTheQueryTimeout() {
		PROXY.pause();
		// WHEN
		long started = System.nanoTime();
		HttpResponse<String> response = search(this.port, QUERY);
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		// THEN
		assertThat(response.statusCode()).isEqualTo(503);
		// the query timeout (1 s) or, when the pool first checks its idle connection, the pool's own
		// connection timeout (500 ms), whichever comes first
		assertThat(elapsedMillis).isBetween(400L, 1_800L);
		assertUnavailableProblem(response);
	}

	private static void assertUnavailableProblem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("X-ChargeStorm-Stale")).isEmpty();
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("detail").asString()).contains("search database", "degraded-mode.enabled=true");
	}

}
