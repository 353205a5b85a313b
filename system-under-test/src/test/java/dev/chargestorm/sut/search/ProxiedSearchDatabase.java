package dev.chargestorm.sut.search;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.sut.database.EmbeddedPostgresServer;
import dev.chargestorm.sut.search.seed.SeedSpot;
import dev.chargestorm.sut.search.seed.SpotWriter;
import dev.chargestorm.sut.support.PgWireProxy;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static dev.chargestorm.sut.search.SpotFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search tests' database, as a JUnit extension: the search pool reaches the embedded
 * PostgreSQL through a {@link PgWireProxy} of the test class's own, so a test can read the SQL the
 * API sent, or hang or drop the database for the search pool alone.
 * <p>
 * Before each test it points the proxy at the database, writes the class's spots and waits until
 * a search is answered fresh (the pool starts before the proxy knows where the database is, and a
 * test before may have left it degraded). After each test it lets all traffic through again; after
 * the class it stops the proxy. The class registers it in a static field and routes the search
 * pool in a {@code @DynamicPropertySource}:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ProxiedSearchDatabase DATABASE = ProxiedSearchDatabase.seededWith(QUERY, spot(..));
 *
 * &#64;DynamicPropertySource
 * static void searchPoolThroughTheProxy(DynamicPropertyRegistry registry) {
 * 	DATABASE.routeTheSearchPool(registry);
 * }
 * </pre>
 */
final class ProxiedSearchDatabase implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final Duration FRESH_ANSWER_TIMEOUT = Duration.ofSeconds(30);

	private final PgWireProxy proxy = PgWireProxy.start();

	private final String jdbcParameters;

	private final List<SeedSpot> spots;

	private final String freshQuery;

	private ProxiedSearchDatabase(String jdbcParameters, List<SeedSpot> spots, String freshQuery) {
		this.jdbcParameters = jdbcParameters;
		this.spots = spots;
		this.freshQuery = freshQuery;
	}

	/**
	 * @param freshQuery the search (a query string) that must be answered fresh before each test
	 * @param spots the spots written before each test
	 * @return a fixture whose proxy is started, not yet pointed at the database
	 */
	static ProxiedSearchDatabase seededWith(String freshQuery, SeedSpot... spots) {
		return new ProxiedSearchDatabase("", List.of(spots), freshQuery);
	}

	/**
	 * @return a fixture that writes no spots and whose driver never switches to server-side
	 * prepared statements ({@code prepareThreshold=0}), so the proxy records every statement sent
	 */
	static ProxiedSearchDatabase recordingEveryStatement() {
		return new ProxiedSearchDatabase("&prepareThreshold=0", List.of(), "lat=0&lng=0");
	}

	/** Points the search pool ({@code chargestorm.search.pool.url}) at the proxy. */
	void routeTheSearchPool(DynamicPropertyRegistry registry) {
		registry.add("chargestorm.search.pool.url", () -> "jdbc:postgresql://127.0.0.1:" + this.proxy.port()
				+ "/postgres?sslmode=disable" + this.jdbcParameters);
	}

	/** The database hangs: every byte is held until the test ends. */
	void pause() {
		this.proxy.pause();
	}

	/** The database is down: connections are closed and refused until {@link #up()}. */
	void down() {
		this.proxy.down();
	}

	/** The database is back. */
	void up() {
		this.proxy.up();
	}

	/** @return the SQL texts the search pool sent since the last {@link #clearStatements()}, in order */
	List<String> statements() {
		return this.proxy.statements();
	}

	void clearStatements() {
		this.proxy.clearStatements();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		this.proxy.target(application.getBean(EmbeddedPostgresServer.class).port());
		if (!this.spots.isEmpty()) {
			application.getBean(SpotWriter.class).upsert(this.spots);
		}
		int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		await("a fresh answer to " + this.freshQuery).atMost(FRESH_ANSWER_TIMEOUT).untilAsserted(() -> {
			HttpResponse<String> response = search(port, this.freshQuery);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-ChargeStorm-Stale")).isEmpty();
		});
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.proxy.resume();
		this.proxy.up();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.proxy.close();
	}

}
