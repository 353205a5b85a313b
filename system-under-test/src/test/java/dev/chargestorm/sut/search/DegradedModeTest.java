package dev.chargestorm.sut.search;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.chargestorm.sut.support.PgWireProxy;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
 * Degraded mode on: with the search database hung or down (its pool goes through a
 * {@link PgWireProxy} that stalls or drops the traffic), a search the node answered before comes
 * from the cache within the latency budget, marked stale; one it never answered gets a 503.
 */
@TestPropertySource(properties = { "chargestorm.search.degraded-mode.enabled=true",
		"chargestorm.search.degraded-mode.latency-budget=300ms", "chargestorm.search.query-timeout=2s" })
class DegradedModeTest extends SutIntegrationTest {

	private static final String QUERY = "lat=40.0&lng=150.0";

	@RegisterExtension
	static final ProxiedSearchDatabase DATABASE = ProxiedSearchDatabase.seededWith(QUERY,
			spot("DEG-1", 40.0, 150.0, 100, 0, charger("DEG-CP1", connector(1, ConnectorType.CHAdeMO, 50, null))));

	@DynamicPropertySource
	static void searchPoolThroughTheProxy(DynamicPropertyRegistry registry) {
		DATABASE.routeTheSearchPool(registry);
	}

	@Test
	void aHungDatabaseGivesTheCachedAnswerWithinTheBudgetMarkedStale() {
		String fresh = search(this.port, QUERY).body();
		DATABASE.pause();
		// WHEN
		long started = System.nanoTime();
		HttpResponse<String> response = search(this.port, QUERY);
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		// THEN
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(elapsedMillis).isBetween(250L, 1_000L);
		assertThat(response.body()).isEqualTo(fresh);
		assertThat(response.headers().firstValue("X-ChargeStorm-Stale")).hasValue("true");
		assertThat(response.headers().firstValue("Age")).hasValueSatisfying(
				(age) -> assertThat(Long.parseLong(age)).isBetween(0L, 60L));
		assertThat(response.headers().firstValue("Warning")).hasValue("110 - \"Response is Stale\"");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate");
	}

	@Test
	void aDatabaseThatIsDownGivesTheCachedAnswerAndAnUnknownQueryA503() {
		DATABASE.down();
		// WHEN
		long started = System.nanoTime();
		HttpResponse<String> known = search(this.port, QUERY);
		long knownMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		HttpResponse<String> unknown = search(this.port, "lat=40.0&lng=150.0&radiusKm=7");
		long unknownMillis = (System.nanoTime() - started) / 1_000_000;
		// THEN
		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.headers().firstValue("X-ChargeStorm-Stale")).hasValue("true");
		assertThat(knownMillis).isLessThan(1_000L);
		assertThat(unknown.statusCode()).isEqualTo(503);
		assertThat(unknown.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(json(unknown).get("detail").asString()).contains("search database");
		assertThat(unknownMillis).isLessThan(3_000L);
		// AND when the database is back, answers are fresh again
		DATABASE.up();
		await("fresh answers after the outage").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> response = search(this.port, QUERY);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-ChargeStorm-Stale")).isEmpty();
		});
	}

}
