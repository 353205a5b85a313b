package dev.chargestorm.sut.search;

import java.net.http.HttpResponse;

import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.chargestorm.sut.search.SpotFixtures.charger;
import static dev.chargestorm.sut.search.SpotFixtures.connector;
import static dev.chargestorm.sut.search.SpotFixtures.json;
import static dev.chargestorm.sut.search.SpotFixtures.search;
import static dev.chargestorm.sut.search.SpotFixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Degraded mode off (the default): with the search database hung or down, a search fails fast
 * with a clear 503 and Retry-After instead of hanging, even one the node answered a moment ago.
 */
@TestPropertySource(properties = "chargestorm.search.query-timeout=1s")
class DegradedModeOffTest extends SutIntegrationTest {

	private static final String QUERY = "lat=41.0&lng=150.0";

	@RegisterExtension
	static final ProxiedSearchDatabase DATABASE = ProxiedSearchDatabase.seededWith(QUERY,
			spot("OFF-1", 41.0, 150.0, 100, 0, charger("OFF-CP1", connector(1, ConnectorType.CHAdeMO, 50, null))));

	@DynamicPropertySource
	static void searchPoolThroughTheProxy(DynamicPropertyRegistry registry) {
		DATABASE.routeTheSearchPool(registry);
	}

	@Test
	void aDatabaseThatIsDownGivesAFast503() {
		DATABASE.down();
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
		DATABASE.pause();
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
