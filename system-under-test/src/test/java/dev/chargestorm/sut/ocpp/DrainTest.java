package dev.chargestorm.sut.ocpp;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.chargestorm.sut.operations.DrainService;
import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OcppTestClient.HandshakeRefused;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A drain closes connections at the requested rate with 1012 and refuses new upgrades; a
 * connection with a CALL open in either direction closes only once that CALL is answered (or
 * timed out), and at the drain's {@code callWait} bound at the latest.
 */
@TestPropertySource(properties = "chargestorm.node.id=drain-test-node")
class DrainTest extends SutIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CHARGERS = 120;

	private static final int RATE = 40;

	@Autowired
	private DrainService drain;

	@Autowired
	private ConnectionRegistry registry;

	@Autowired
	private DataSource dataSource;

	/** Each test drains the node: forget the last drain and accept connections again, as a restart would. */
	@BeforeEach
	void freshNode() {
		await("connections of the previous test gone").atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.all().isEmpty());
		this.drain.reset();
		this.registry.startAccepting();
	}

	@Test
	void drainClosesConnectionsAtTheConfiguredRateAndRefusesNewOnes() {
		List<OcppTestClient> chargers = new ArrayList<>();
		ConcurrentLinkedQueue<Long> closedAtNanos = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Integer> closeCodes = new ConcurrentLinkedQueue<>();
		try {
			for (int i = 0; i < CHARGERS; i++) {
				OcppTestClient charger = connect(uniqueChargePointId("drain"));
				charger.closed().thenAccept((code) -> {
					closedAtNanos.add(System.nanoTime());
					closeCodes.add(code);
				});
				chargers.add(charger);
			}
			// WHEN
			var started = Http.adminPost(this.port, "/admin/drain", "{\"ratePerSecond\":" + RATE + "}");
			// THEN
			assertThat(started.statusCode()).isEqualTo(202);
			assertThatExceptionOfType(HandshakeRefused.class).isThrownBy(() -> connect(uniqueChargePointId("late")))
				.satisfies((refused) -> {
					assertThat(refused.status()).isEqualTo(503);
					assertThat(refused.retryAfter()).isNotBlank();
				});
			await("every connection drained").atMost(Duration.ofSeconds(20))
				.until(() -> closedAtNanos.size() == CHARGERS);
			assertThat(closeCodes).containsOnly(1012);
			long first = closedAtNanos.stream().min(Long::compare).orElseThrow();
			long last = closedAtNanos.stream().max(Long::compare).orElseThrow();
			double measuredRate = (CHARGERS - 1) / ((last - first) / 1e9);
			assertThat(measuredRate).as("closes per second").isBetween(RATE * 0.8, RATE * 1.2);
			await("drain finished").atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(Http.adminGet(this.port, "/admin/drain").body())
					.contains("\"finished\":true", "\"closed\":" + CHARGERS, "\"closedAfterOpenCalls\":0"));
		}
		finally {
			chargers.forEach(OcppTestClient::close);
		}
	}

	@Test
	void aChargersCallInFlightIsAnsweredBeforeTheDrainClosesItsConnection() throws Exception {
		OcppTestClient busy = connect(uniqueChargePointId("busy"));
		OcppTestClient idle = connect(uniqueChargePointId("idle"));
		try (Connection lock = this.dataSource.getConnection()) {
			// GIVEN an Authorize the central system is still working on (the id tags are locked)
			lockIdTags(lock);
			CompletableFuture<ArrayNode> authorize = CompletableFuture
				.supplyAsync(() -> busy.call("Authorize", "{\"idTag\":\"DRAIN-TAG\"}"));
			await("the Authorize waiting for the id tag table").atMost(Duration.ofSeconds(10))
				.until(() -> queriesWaitingForALock() > 0);
			// WHEN
			assertThat(Http.adminPost(this.port, "/admin/drain", "{\"ratePerSecond\":1000}").statusCode())
				.isEqualTo(202);
			// THEN the idle charger goes at once, the busy one stays until its Authorize is answered
			assertThat(idle.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1012);
			await("busy charger still connected").during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(3))
				.until(busy::isOpen);
			assertThat(Http.adminGet(this.port, "/admin/drain").body()).contains("\"finished\":false",
					"\"waiting\":1");
			lock.commit();
			assertThat(authorize).succeedsWithin(Duration.ofSeconds(10))
				.satisfies((answer) -> assertThat(answer.get(0).asInt()).as("CALLRESULT").isEqualTo(3));
			assertThat(busy.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1012);
			await("drain finished").atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(Http.adminGet(this.port, "/admin/drain").body())
					.contains("\"finished\":true", "\"closed\":2", "\"closedAfterOpenCalls\":1", "\"closedAtBound\":0"));
		}
		finally {
			busy.close();
			idle.close();
		}
	}

	@Test
	void theCallAChargerSendsTheMomentItGetsAnAnswerIsAnsweredToo() throws Exception {
		OcppTestClient charger = connect(uniqueChargePointId("chain"));
		try {
			charger.result("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
			CompletableFuture<ArrayNode> authorize;
			try (Connection lock = this.dataSource.getConnection()) {
				lockIdTags(lock);
				authorize = CompletableFuture.supplyAsync(() -> charger.call("Authorize", "{\"idTag\":\"DRAIN-TAG\"}"));
				await("the Authorize waiting for the id tag table").atMost(Duration.ofSeconds(10))
					.until(() -> queriesWaitingForALock() > 0);
				Http.adminPost(this.port, "/admin/drain", "{\"ratePerSecond\":1000}");
				await("the drain reached the charger").atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(Http.adminGet(this.port, "/admin/drain").body())
						.contains("\"waiting\":1"));
				lock.commit();
			}
			// WHEN the charger, like firmware with one CALL in flight, sends its next CALL as the answer arrives
			assertThat(authorize).succeedsWithin(Duration.ofSeconds(10));
			ArrayNode start = charger.call("StartTransaction", "{\"connectorId\":1,\"idTag\":\"DRAIN-TAG\","
					+ "\"meterStart\":0,\"timestamp\":\"2026-12-02T10:00:00Z\"}");
			// THEN it is answered before the close
			assertThat(start.get(0).asInt()).as("CALLRESULT to StartTransaction").isEqualTo(3);
			assertThat(charger.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1012);
		}
		finally {
			charger.close();
		}
	}

	@Test
	void aCentralSystemCallInFlightIsAnsweredBeforeTheDrainClosesTheConnection() throws Exception {
		String id = uniqueChargePointId("remote");
		CompletableFuture<ArrayNode> received = new CompletableFuture<>();
		// a charger that takes its time: the test answers the RemoteStartTransaction by hand
		try (OcppTestClient charger = connect(id).answering((call) -> {
			received.complete(call);
			return null;
		})) {
			CompletableFuture<HttpResponse<String>> remoteStart = CompletableFuture.supplyAsync(() -> Http
				.post(this.port, "/api/chargers/" + id + "/remote-start", "{\"idTag\":\"DRIVER-1\",\"connectorId\":1}"));
			ArrayNode call = received.get(10, TimeUnit.SECONDS);
			// WHEN
			Http.adminPost(this.port, "/admin/drain", "{\"ratePerSecond\":1000}");
			// THEN
			await("charger still connected while it owes an answer").during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(3))
				.until(charger::isOpen);
			charger.send("[3,\"" + call.get(1).asString() + "\",{\"status\":\"Accepted\"}]");
			assertThat(remoteStart).succeedsWithin(Duration.ofSeconds(10)).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("Accepted");
			});
			assertThat(charger.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1012);
		}
	}

	@Test
	void aChargerThatNeverAnswersIsClosedAtTheCallWaitBound() throws Exception {
		String id = uniqueChargePointId("silent");
		CompletableFuture<ArrayNode> received = new CompletableFuture<>();
		try (OcppTestClient charger = connect(id).answering((call) -> {
			received.complete(call);
			return null;
		})) {
			CompletableFuture<HttpResponse<String>> remoteStart = CompletableFuture.supplyAsync(
					() -> Http.post(this.port, "/api/chargers/" + id + "/remote-start", "{\"idTag\":\"DRIVER-2\"}"));
			received.get(10, TimeUnit.SECONDS);
			// WHEN (the test context's call timeout is 3 s: the bound comes first)
			long started = System.nanoTime();
			Http.adminPost(this.port, "/admin/drain", "{\"ratePerSecond\":1000,\"callWait\":\"PT1S\"}");
			// THEN
			assertThat(charger.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1012);
			long closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
			assertThat(closedAfterMillis).as("ms from the drain to the close").isBetween(900L, 2_500L);
			assertThat(remoteStart).succeedsWithin(Duration.ofSeconds(10))
				.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(502));
			await("drain finished").atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(Http.adminGet(this.port, "/admin/drain").body())
					.contains("\"finished\":true", "\"closedAtBound\":1"));
		}
	}

	private static void lockIdTags(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LOCK TABLE id_tag IN ACCESS EXCLUSIVE MODE");
		}
	}

	private int queriesWaitingForALock() {
		Integer waiting = this.jdbc.queryForObject(
				"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%id_tag%'",
				Integer.class);
		return (waiting != null) ? waiting : 0;
	}

}
