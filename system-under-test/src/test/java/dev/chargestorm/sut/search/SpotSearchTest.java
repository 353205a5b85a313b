package dev.chargestorm.sut.search;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.search.seed.SeedSpot;
import dev.chargestorm.sut.search.seed.SpotWriter;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.PgWireProxy;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.chargestorm.sut.search.SpotFixtures.charger;
import static dev.chargestorm.sut.search.SpotFixtures.connector;
import static dev.chargestorm.sut.search.SpotFixtures.encode;
import static dev.chargestorm.sut.search.SpotFixtures.ids;
import static dev.chargestorm.sut.search.SpotFixtures.json;
import static dev.chargestorm.sut.search.SpotFixtures.search;
import static dev.chargestorm.sut.search.SpotFixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The search API against a real embedded PostgreSQL. The search pool goes through a
 * {@link PgWireProxy}, which records the SQL the API sends. Each test uses spots of its own around
 * an origin of its own, far from the others'.
 */
class SpotSearchTest extends SutIntegrationTest {

	@RegisterExtension
	static final ProxiedSearchDatabase DATABASE = ProxiedSearchDatabase.recordingEveryStatement();

	@Autowired
	private SpotWriter writer;

	@Autowired
	private SearchProperties searchProperties;

	@DynamicPropertySource
	static void searchPoolThroughTheProxy(DynamicPropertyRegistry registry) {
		DATABASE.routeTheSearchPool(registry);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			''                                 | lat           | is required
			lat=91&lng=0                       | lat           | between -90 and 90
			lat=abc&lng=0                      | lat           | between -90 and 90
			lat=1e1&lng=0                      | lat           | between -90 and 90
			lat=NaN&lng=0                      | lat           | between -90 and 90
			lat=35                             | lng           | is required
			lat=35&lng=-181                    | lng           | between -180 and 180
			lat=35&lng=139&radiusKm=0          | radiusKm      | greater than 0 and at most 100
			lat=35&lng=139&radiusKm=100.5      | radiusKm      | greater than 0 and at most 100
			lat=35&lng=139&status=free         | status        | one of available, charging, unavailable, any
			lat=35&lng=139&connectorType=Schuko | connectorType | must be one of [CHAdeMO, CCS1, CCS2, Type1, Type2, NACS, GBT]
			lat=35&lng=139&minPowerKw=-1       | minPowerKw    | between 0 and 1000
			lat=35&lng=139&limit=0             | limit         | from 1 to 100
			lat=35&lng=139&limit=101           | limit         | from 1 to 100
			lat=35&lng=139&limit=2.5           | limit         | from 1 to 100
			lat=35&lng=139&cursor=bm90LWEtY3Vyc29y | cursor     | nextCursor value returned by this API
			lat=35&lng=139&radius=5            | radius        | is not a search parameter
			lat=35&lat=36&lng=139              | lat           | at most once
			""")
	void badParametersGet400NamingTheParameterAndTheRule(String query, String parameter, String rule) {
		// WHEN
		HttpResponse<String> response = search(this.port, query);
		// THEN
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json(response);
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
		assertThat(problem.get("rule").asString()).contains(rule);
		assertThat(problem.get("detail").asString()).contains("'" + parameter + "'", rule);
	}

	@Test
	void spotsComeNearestFirstWithinTheRadius() {
		double lat = 30.0;
		double lng = 150.0;
		this.writer.upsert(List.of(spot("ORD-45", lat, lng, 4_500, 0, available("ORD-CP1")),
				spot("ORD-03", lat, lng, 0, 300, available("ORD-CP2")),
				spot("ORD-20", lat, lng, -2_000, 0, available("ORD-CP3")),
				spot("ORD-10", lat, lng, 0, -1_000, available("ORD-CP4")),
				spot("ORD-60", lat, lng, 6_000, 0, available("ORD-CP5")),
				spot("ORD-00", lat, lng, 50, 0, available("ORD-CP6"))));
		// WHEN
		JsonNode page = json(search(this.port, "lat=" + lat + "&lng=" + lng));
		JsonNode wide = json(search(this.port, "lat=" + lat + "&lng=" + lng + "&radiusKm=10"));
		// THEN
		assertThat(ids(page)).containsExactly("ORD-00", "ORD-03", "ORD-10", "ORD-20", "ORD-45");
		assertThat(page.get("nextCursor").isNull()).isTrue();
		List<Long> distances = new ArrayList<>();
		page.get("spots").forEach((spot) -> distances.add(spot.get("distanceMeters").asLong()));
		assertThat(distances).satisfiesExactly((d) -> assertThat(d).isCloseTo(50, within(2L)),
				(d) -> assertThat(d).isCloseTo(300, within(3L)), (d) -> assertThat(d).isCloseTo(1_000, within(10L)),
				(d) -> assertThat(d).isCloseTo(2_000, within(20L)), (d) -> assertThat(d).isCloseTo(4_500, within(45L)));
		assertThat(ids(wide)).containsExactly("ORD-00", "ORD-03", "ORD-10", "ORD-20", "ORD-45", "ORD-60");
		JsonNode first = page.get("spots").get(0);
		assertThat(first.get("name").asString()).isEqualTo("Spot ORD-00");
		assertThat(first.get("address").asString()).isNotBlank();
		assertThat(first.get("lat").asDouble()).isCloseTo(lat, within(0.001));
		assertThat(first.get("lng").asDouble()).isCloseTo(lng, within(0.001));
		JsonNode plug = first.get("connectors").get(0);
		assertThat(plug.get("chargePointId").asString()).isEqualTo("ORD-CP6");
		assertThat(plug.get("connectorId").asInt()).isEqualTo(1);
		assertThat(plug.get("type").asString()).isEqualTo("CHAdeMO");
		assertThat(plug.get("powerKw").asDouble()).isEqualTo(50.0);
		assertThat(plug.get("status").asString()).isEqualTo("available");
		assertThat(plug.get("statusUpdatedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
	}

	@Test
	void everyFilterSelectsSpotsByOneMatchingConnector() {
		double lat = 31.0;
		double lng = 150.0;
		this.writer.upsert(List.of(
				spot("FIL-1", lat, lng, 100, 0,
						charger("FIL-CP1", connector(1, ConnectorType.CHAdeMO, 50, ChargePointStatus.Available))),
				spot("FIL-2", lat, lng, 200, 0,
						charger("FIL-CP2", connector(1, ConnectorType.Type1, 6, ChargePointStatus.Charging))),
				spot("FIL-3", lat, lng, 300, 0,
						charger("FIL-CP3", connector(1, ConnectorType.CCS2, 90, ChargePointStatus.Faulted),
								connector(2, ConnectorType.Type1, 3.2, ChargePointStatus.Available))),
				spot("FIL-4", lat, lng, 400, 0, charger("FIL-CP4", connector(1, ConnectorType.NACS, 250, null)))));
		String at = "lat=" + lat + "&lng=" + lng;
		// THEN
		assertThat(ids(json(search(this.port, at)))).containsExactly("FIL-1", "FIL-2", "FIL-3", "FIL-4");
		assertThat(ids(json(search(this.port, at + "&status=any")))).containsExactly("FIL-1", "FIL-2", "FIL-3", "FIL-4");
		assertThat(ids(json(search(this.port, at + "&status=available")))).containsExactly("FIL-1", "FIL-3");
		assertThat(ids(json(search(this.port, at + "&status=charging")))).containsExactly("FIL-2");
		assertThat(ids(json(search(this.port, at + "&status=unavailable")))).containsExactly("FIL-3", "FIL-4");
		assertThat(ids(json(search(this.port, at + "&connectorType=CCS2")))).containsExactly("FIL-3");
		assertThat(ids(json(search(this.port, at + "&connectorType=type1")))).containsExactly("FIL-2", "FIL-3");
		assertThat(ids(json(search(this.port, at + "&minPowerKw=60")))).containsExactly("FIL-3", "FIL-4");
		// the filters apply to the same connector: FIL-3's available connector has 3.2 kW only
		assertThat(ids(json(search(this.port, at + "&status=available&minPowerKw=60")))).isEmpty();
		assertThat(ids(json(search(this.port, at + "&status=available&connectorType=Type1&minPowerKw=3"))))
			.containsExactly("FIL-3");
		JsonNode nacs = json(search(this.port, at + "&connectorType=NACS")).get("spots").get(0).get("connectors").get(0);
		assertThat(nacs.get("status").asString()).isEqualTo("unavailable");
		assertThat(nacs.get("statusUpdatedAt").isNull()).isTrue();
	}

	@Test
	void connectorStatusIsTheLatestStatusTheChargerSent() {
		double lat = 32.0;
		double lng = 150.0;
		String chargePointId = uniqueChargePointId("LIVE");
		this.writer.upsert(List.of(spot("LIVE-1", lat, lng, 100, 0,
				charger(chargePointId, connector(1, ConnectorType.CHAdeMO, 50, ChargePointStatus.Available)))));
		String at = "lat=" + lat + "&lng=" + lng;
		assertThat(ids(json(search(this.port, at + "&status=charging")))).isEmpty();
		// WHEN the charger reports over OCPP
		try (OcppTestClient charger = connect(chargePointId)) {
			charger.result("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
			charger.result("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\"}");
		}
		// THEN
		assertThat(ids(json(search(this.port, at + "&status=charging")))).containsExactly("LIVE-1");
		assertThat(ids(json(search(this.port, at + "&status=available")))).isEmpty();
	}

	@Test
	void pagesHaveNoDuplicatesOrGapsWhileStatusesChange() throws Exception {
		double lat = 33.0;
		double lng = 150.0;
		Random random = new Random(7);
		List<SeedSpot> spots = new ArrayList<>();
		Set<String> stable = new HashSet<>();
		for (int i = 0; i < 60; i++) {
			String id = "PAGE-%02d".formatted(i);
			spots.add(spot(id, lat, lng, (random.nextDouble() - 0.5) * 6_000, (random.nextDouble() - 0.5) * 6_000,
					charger("PAGE-CP%02d".formatted(i),
							connector(1, ConnectorType.CHAdeMO, 50, ChargePointStatus.Available))));
			if (i % 2 == 0) {
				stable.add(id);
			}
		}
		// two spots at exactly the same place: the id breaks the tie
		spots.add(spot("PAGE-TWIN-A", lat, lng, 10, 10, available("PAGE-CPTA")));
		spots.add(spot("PAGE-TWIN-B", lat, lng, 10, 10, available("PAGE-CPTB")));
		stable.addAll(List.of("PAGE-TWIN-A", "PAGE-TWIN-B"));
		this.writer.upsert(spots);
		Set<String> everySpot = new HashSet<>(spots.stream().map(SeedSpot::id).toList());
		String at = "lat=" + lat + "&lng=" + lng + "&radiusKm=10&limit=7";
		// WHEN paging, while odd spots flip between Available and Charging (between pages and, from
		// another thread, at any time) and new spots appear
		List<JsonNode> all;
		List<JsonNode> available;
		AtomicBoolean paging = new AtomicBoolean(true);
		ExecutorService flipper = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> flips = flipper.submit(() -> {
				int count = 0;
				while (paging.get()) {
					flipOddSpots();
					count++;
				}
				return count;
			});
			all = page(at, random);
			available = page(at + "&status=available", random);
			paging.set(false);
			assertThat(flips.get(30, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			paging.set(false);
			flipper.shutdownNow();
		}
		// THEN
		List<String> allIds = all.stream().map((spot) -> spot.get("id").asString()).toList();
		assertThat(allIds).doesNotHaveDuplicates().containsAll(everySpot);
		assertThat(all).extracting((spot) -> spot.get("distanceMeters").asLong()).isSorted();
		List<String> availableIds = available.stream().map((spot) -> spot.get("id").asString()).toList();
		assertThat(availableIds).doesNotHaveDuplicates().containsAll(stable);
		assertThat(available).extracting((spot) -> spot.get("distanceMeters").asLong()).isSorted();
		assertThat(allIds.indexOf("PAGE-TWIN-A")).isLessThan(allIds.indexOf("PAGE-TWIN-B"));
	}

	private void flipOddSpots() {
		this.jdbc.update("""
				UPDATE connector_status SET status = CASE status WHEN 'Available' THEN 'Charging' ELSE 'Available' END,
				    status_timestamp = now()
				WHERE charge_point_id LIKE 'PAGE-CP%' AND right(charge_point_id, 1) IN ('1', '3', '5', '7', '9')
				""");
	}

	private List<JsonNode> page(String query, Random random) {
		List<JsonNode> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			HttpResponse<String> response = search(this.port, query + ((cursor != null) ? "&cursor=" + encode(cursor) : ""));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = json(response);
			page.get("spots").forEach(seen::add);
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			// the data changes between pages
			flipOddSpots();
			this.writer.upsert(List.of(spot("PAGE-NEW-" + pages + "-" + random.nextInt(1_000_000), 33.0, 150.0,
					(random.nextDouble() - 0.5) * 6_000, 0, available("PAGE-NEWCP-" + pages + "-" + query.length()))));
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(pages).isGreaterThan(5).isLessThan(100);
		return seen;
	}

	@Test
	void aCursorWorksOnlyWithTheQueryThatIssuedIt() {
		double lat = 34.0;
		double lng = 150.0;
		this.writer.upsert(List.of(spot("CUR-1", lat, lng, 100, 0, available("CUR-CP1")),
				spot("CUR-2", lat, lng, 200, 0, available("CUR-CP2")),
				spot("CUR-3", lat, lng, 300, 0, available("CUR-CP3"))));
		String at = "lat=" + lat + "&lng=" + lng;
		JsonNode first = json(search(this.port, at + "&limit=2"));
		String cursor = encode(first.get("nextCursor").asString());
		// WHEN
		HttpResponse<String> sameQuery = search(this.port, at + "&limit=5&cursor=" + cursor);
		HttpResponse<String> otherRadius = search(this.port, at + "&radiusKm=10&limit=2&cursor=" + cursor);
		HttpResponse<String> otherPlace = search(this.port, "lat=34.001&lng=150&limit=2&cursor=" + cursor);
		// THEN
		assertThat(ids(first)).containsExactly("CUR-1", "CUR-2");
		assertThat(ids(json(sameQuery))).containsExactly("CUR-3");
		for (HttpResponse<String> response : List.of(otherRadius, otherPlace)) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).get("parameter").asString()).isEqualTo("cursor");
			assertThat(json(response).get("rule").asString()).contains("same lat, lng, radiusKm");
		}
	}

	@Test
	void answersCarryCachingHeadersAndRevalidateWithTheirETag() {
		double lat = 35.0;
		double lng = 150.0;
		this.writer.upsert(List.of(spot("ETAG-1", lat, lng, 100, 0, available("ETAG-CP1"))));
		String path = "/api/spots?lat=" + lat + "&lng=" + lng;
		// WHEN
		HttpResponse<String> first = get(path, null);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> revalidated = get(path, etag);
		this.jdbc.update("UPDATE connector_status SET status = 'Charging', status_timestamp = now()"
				+ " WHERE charge_point_id = 'ETAG-CP1'");
		HttpResponse<String> changed = get(path, etag);
		HttpResponse<String> one = get("/api/spots/ETAG-1", null);
		HttpResponse<String> oneAgain = get("/api/spots/ETAG-1", one.headers().firstValue("ETag").orElseThrow());
		HttpResponse<String> missing = get("/api/spots/NO-SUCH-SPOT", null);
		// THEN
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().allValues("Cache-Control")).containsExactly("public, max-age=5");
		assertThat(first.headers().firstValue("Pragma")).isEmpty();
		assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(json(one).get("id").asString()).isEqualTo("ETAG-1");
		assertThat(json(one).has("distanceMeters")).isFalse();
		assertThat(json(one).get("connectors").get(0).get("status").asString()).isEqualTo("charging");
		assertThat(oneAgain.statusCode()).isEqualTo(304);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		// Spring Security's response headers, on answers and problems alike; no-cache where the
		// answer sets no caching of its own
		for (HttpResponse<String> response : List.of(first, revalidated, missing)) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		}
		assertThat(missing.headers().allValues("Cache-Control"))
			.containsExactly("no-cache, no-store, max-age=0, must-revalidate");
	}

	@Test
	void aSearchIsOneSqlStatementThatNeverReadsTheHistory() {
		double lat = 36.0;
		double lng = 150.0;
		List<SeedSpot> spots = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			spots.add(spot("SQL-" + i, lat, lng, i * 100, 0, charger("SQL-CP" + i,
					connector(1, ConnectorType.CHAdeMO, 50, ChargePointStatus.Available),
					connector(2, ConnectorType.CCS2, 90, ChargePointStatus.Charging))));
		}
		this.writer.upsert(spots);
		String at = "lat=" + lat + "&lng=" + lng + "&status=available&connectorType=CHAdeMO&minPowerKw=20&limit=10";
		String cursor = encode(json(search(this.port, at)).get("nextCursor").asString());
		// WHEN
		DATABASE.clearStatements();
		HttpResponse<String> page = search(this.port, at + "&cursor=" + cursor);
		List<String> searchStatements = statementsSent();
		DATABASE.clearStatements();
		HttpResponse<String> one = get("/api/spots/SQL-3", null);
		List<String> spotStatements = statementsSent();
		// THEN
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(ids(json(page))).hasSize(10).first().isEqualTo("SQL-10");
		assertThat(json(page).get("spots").get(0).get("connectors")).hasSize(2);
		assertThat(searchStatements).singleElement().satisfies((sql) -> {
			assertThat(sql).contains("FROM spot s", "connector_status cs", "<->", "earth_box");
			assertThat(sql).doesNotContain("connector_status_history");
		});
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(spotStatements).singleElement().satisfies((sql) -> assertThat(sql).doesNotContain("history"));
	}

	@Test
	void theSearchReadsTheGeographicIndexNearestFirst() {
		List<SeedSpot> spots = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			spots.add(spot("PLAN-" + i, 37.0, 150.0, (i % 20) * 150, (i / 20) * 150, available("PLAN-CP" + i)));
		}
		this.writer.upsert(spots);
		this.jdbc.execute("ANALYZE");
		Map.Entry<String, MapSqlParameterSource> statement = SearchStatements
			.of("lat=37.0&lng=150.0&status=available&limit=5");
		// WHEN explained the way the search pool runs it
		List<String> plan = this.jdbc.execute((ConnectionCallback<List<String>>) (connection) -> {
			SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
			NamedParameterJdbcTemplate session = new NamedParameterJdbcTemplate(single);
			session.getJdbcTemplate().execute("SET enable_bitmapscan = off");
			try {
				return session.queryForList("EXPLAIN (ANALYZE, COSTS OFF) " + statement.getKey(), statement.getValue(),
						String.class);
			}
			finally {
				session.getJdbcTemplate().execute("RESET enable_bitmapscan");
			}
		});
		// THEN a k-nearest-neighbour scan that stops after the page, no sort of the radius
		String text = String.join("\n", plan);
		assertThat(text).as(text).contains("Index Scan using spot_location on spot", "Order By:")
			.doesNotContain("Bitmap", "Seq Scan on spot", "connector_status_history");
		// page of 5 + 1 matches; at most a few more spots read, not the 100 or so in the radius
		assertThat(text).as(text).containsPattern("Index Scan using spot_location on spot s \\(actual [^)]* rows=([6-9]|1[0-9]) loops=1");
	}

	@Test
	void theSearchPoolsPlanCacheModeKeepsTheNearestFirstScan() throws Exception {
		List<SeedSpot> spots = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			spots.add(spot("GEN-" + i, 38.0, 150.0, (i % 20) * 150, (i / 20) * 150, available("GEN-CP" + i)));
		}
		this.writer.upsert(spots);
		this.jdbc.execute("ANALYZE");
		String mode = this.searchProperties.pool().planCacheMode().sqlValue();
		// WHEN each statement runs as the search pool runs it: server-side prepared by the driver,
		// with the pool's plan_cache_mode (a generic plan, made once for all searches, unless
		// force_custom_plan), its plan logged to this session by auto_explain
		Map<String, String> plans = new LinkedHashMap<>();
		for (String query : List.of("lat=38.0&lng=150.0&limit=5", "lat=38.0&lng=150.0&status=available&limit=5",
				"lat=38.0&lng=150.0&status=available&connectorType=CHAdeMO&minPowerKw=50&limit=5")) {
			plans.put(query, explainAsThePoolRunsIt(query, mode));
		}
		String cursor = encode(json(search(this.port, "lat=38.0&lng=150.0&limit=5")).get("nextCursor").asString());
		plans.put("cursor", explainAsThePoolRunsIt("lat=38.0&lng=150.0&limit=5&cursor=" + cursor, mode));
		// THEN every plan is a k-nearest-neighbour scan that stops after the page
		plans.forEach((query, text) -> {
			assertThat(text).as(query + "\n" + text)
				.contains("Index Scan using spot_location on spot", "Order By:")
				.doesNotContain("Bitmap", "Seq Scan on spot", "connector_status_history")
				// auto_explain shows costs before the actual rows
				.containsPattern(
						"Index Scan using spot_location on spot s +\\(cost=[^)]*\\) \\(actual [^)]* rows=([6-9]|1[0-9]) loops=1");
			if (!mode.equals("force_custom_plan")) {
				assertThat(text).as("a generic plan keeps the parameters: " + text).contains("$1");
			}
		});
	}

	/**
	 * @param query a search's query string
	 * @param planCacheMode the session's {@code plan_cache_mode}
	 * @return the plan of its last of six executions on one connection, with actual rows
	 */
	private String explainAsThePoolRunsIt(String query, String planCacheMode) throws Exception {
		Map.Entry<String, MapSqlParameterSource> statement = SearchStatements.of(query);
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(statement.getKey());
		String sql = NamedParameterUtils.substituteNamedParameters(parsed, statement.getValue());
		Object[] values = NamedParameterUtils.buildValueArray(parsed, statement.getValue(), null);
		HikariDataSource central = (HikariDataSource) this.jdbc.getDataSource();
		try (Connection connection = DriverManager.getConnection(central.getJdbcUrl(),
				central.getUsername(), central.getPassword());
				Statement session = connection.createStatement()) {
			session.execute("SET plan_cache_mode = " + planCacheMode);
			session.execute("SET enable_bitmapscan = off");
			session.execute("LOAD 'auto_explain'");
			session.execute("SET auto_explain.log_min_duration = 0");
			session.execute("SET auto_explain.log_analyze = on");
			session.execute("SET auto_explain.log_level = notice");
			String plan = "";
			try (PreparedStatement search = connection.prepareStatement(sql)) {
				for (int i = 0; i < values.length; i++) {
					search.setObject(i + 1, values[i]);
				}
				// the driver prepares on the server from the fifth execution on (prepareThreshold)
				for (int run = 0; run < 6; run++) {
					search.clearWarnings();
					search.executeQuery().close();
					StringBuilder notices = new StringBuilder();
					for (SQLWarning warning = search.getWarnings(); warning != null; warning = warning
						.getNextWarning()) {
						notices.append(warning.getMessage()).append('\n');
					}
					plan = notices.toString();
				}
			}
			return plan;
		}
	}

	/** What the search pool sent, without connection set-up and the pool's empty validation queries. */
	private static List<String> statementsSent() {
		return DATABASE.statements().stream().filter((sql) -> !sql.isBlank() && !sql.startsWith("SET ")).toList();
	}

	private HttpResponse<String> get(String path, String ifNoneMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + path));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		try {
			return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static SeedSpot.Charger available(String chargePointId) {
		return charger(chargePointId, connector(1, ConnectorType.CHAdeMO, 50, ChargePointStatus.Available));
	}

}
