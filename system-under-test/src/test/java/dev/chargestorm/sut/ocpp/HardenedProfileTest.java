package dev.chargestorm.sut.ocpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.chargestorm.sut.chargepoint.ChargePointRegistry;
import dev.chargestorm.sut.chargepoint.ChargePointRegistry.ChargePointProvisioning;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import dev.chargestorm.sut.search.SearchProperties;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OcppTestClient.HandshakeRefused;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The hardened profile with auto-registration off and a small admission budget: unknown ids get
 * 404, a burst of upgrades beyond the bucket gets 503 with Retry-After, and the cheap connect
 * path writes statuses and presence in batches; while the database counts as saturated,
 * BootNotification answers Pending.
 */
@ActiveProfiles("hardened")
@TestPropertySource(properties = { "chargestorm.ocpp.auto-register=false", "chargestorm.admission.burst=5",
		"chargestorm.admission.upgrades-per-second=1", "chargestorm.connect-path.flush-interval=200ms",
		// 0 waiting threads counts as saturated: every BootNotification meets the Pending valve
		"chargestorm.boot.pending-valve.waiting-threads-threshold=0" })
class HardenedProfileTest extends SutIntegrationTest {

	@Autowired
	private ChargePointRegistry registry;

	@Autowired
	private SearchProperties search;

	@Test
	void searchesAnswerFromTheCacheWhenTheDatabaseIsSlow() {
		assertThat(this.search.degradedMode().enabled()).isTrue();
	}

	@Test
	void unknownChargePointsGet404WhenAutoRegistrationIsOff() {
		await("a token in the admission bucket").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
			assertThatExceptionOfType(HandshakeRefused.class)
				.isThrownBy(() -> connect(uniqueChargePointId("stranger")))
				.satisfies((refused) -> assertThat(refused.status()).isEqualTo(404)));
	}

	@Test
	void aBurstOfUpgradesBeyondTheBucketGets503WithRetryAfter() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(uniqueChargePointId("burst"));
		}
		this.registry.provision(ids.stream()
			.map((id) -> new ChargePointProvisioning(id, RegistrationStatus.Accepted, null))
			.toList());
		List<OcppTestClient> connected = new ArrayList<>();
		List<HandshakeRefused> refused = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			// WHEN
			List<Future<OcppTestClient>> attempts = ids.stream().map((id) -> pool.submit(() -> connect(id))).toList();
			for (Future<OcppTestClient> attempt : attempts) {
				try {
					connected.add(attempt.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					refused.add((HandshakeRefused) ex.getCause());
				}
			}
			// THEN: the bucket holds 5 (other tests of this class may have taken some) and refills 1 per second
			assertThat(connected).hasSizeBetween(1, 7);
			assertThat(refused).hasSizeGreaterThanOrEqualTo(13);
			assertThat(refused).hasSize(20 - connected.size()).allSatisfy((refusal) -> {
				assertThat(refusal.status()).isEqualTo(503);
				assertThat(Integer.parseInt(refusal.retryAfter())).isBetween(10, 20);
			});
		}
		finally {
			connected.forEach(OcppTestClient::close);
			pool.shutdownNow();
		}
	}

	@Test
	void theCheapConnectPathWritesStatusAndPresenceInBatches() {
		String id = uniqueChargePointId("cheap");
		this.registry.provision(List.of(new ChargePointProvisioning(id, RegistrationStatus.Accepted, null)));
		await("a token in the admission bucket").atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			try (OcppTestClient charger = connect(id)) {
				// WHEN
				charger.result("StatusNotification",
						"{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\"}");
				charger.result("Heartbeat", "{}");
				charger.result("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":"
						+ "\"2026-05-01T10:00:00Z\",\"sampledValue\":[{\"value\":\"42\"}]}]}");
				// THEN: meter values are committed before they are answered (group commit)
				assertThat(this.jdbc.queryForObject("SELECT count(*) FROM meter_value WHERE charge_point_id = ?",
						Integer.class, id)).isOne();
				await("coalesced status written").atMost(Duration.ofSeconds(5))
					.until(() -> "Charging".equals(this.jdbc.query(
							"SELECT status FROM connector_status WHERE charge_point_id = ? AND connector_id = 1",
							(rs) -> rs.next() ? rs.getString(1) : null, id)));
				await("presence written").atMost(Duration.ofSeconds(5))
					.until(() -> Boolean.TRUE.equals(this.jdbc.queryForObject(
							"SELECT online AND last_heartbeat_at IS NOT NULL FROM charge_point WHERE id = ?",
							Boolean.class, id)));
			}
		});
	}

	@Test
	void theBootValveAnswersPendingWhileTheDatabaseIsSaturated() {
		String id = uniqueChargePointId("valve");
		this.registry.provision(List.of(new ChargePointProvisioning(id, RegistrationStatus.Accepted, null)));
		await("a token in the admission bucket").atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			try (OcppTestClient charger = connect(id)) {
				// WHEN
				var boot = charger.result("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
				var heartbeat = charger.call("Heartbeat", "{}");
				// THEN
				assertThat(boot.get("status").asString()).isEqualTo("Pending");
				assertThat(boot.get("interval").asInt()).isBetween(60, 300);
				assertThat(heartbeat.get(2).asString()).isEqualTo("SecurityError");
			}
		});
	}

}
