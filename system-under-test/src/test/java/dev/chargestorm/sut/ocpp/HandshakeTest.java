package dev.chargestorm.sut.ocpp;

import java.time.Duration;
import java.util.List;

import dev.chargestorm.sut.chargepoint.ChargePointRegistry;
import dev.chargestorm.sut.chargepoint.ChargePointRegistry.ChargePointProvisioning;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OcppTestClient.HandshakeRefused;
import dev.chargestorm.sut.support.SilentWebSocket;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The OCPP-J handshake: subprotocol, identity, registration, Basic auth, liveness. */
class HandshakeTest extends SutIntegrationTest {

	@Autowired
	private ChargePointRegistry registry;

	@Autowired
	private ConnectionRegistry connections;

	@Test
	void negotiatesOcpp16WhenTheChargerOffersIt() {
		try (OcppTestClient charger = OcppTestClient.connect(this.port, uniqueChargePointId("proto"),
				List.of("ocpp2.0.1", "ocpp1.6"), null)) {
			assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
		}
	}

	@Test
	void completesTheHandshakeWithoutASubprotocolAndClosesAtOnceWhenNoneMatches() {
		// WHEN
		try (OcppTestClient charger = OcppTestClient.connect(this.port, uniqueChargePointId("noproto"),
				List.of("ocpp2.0.1"), null)) {
			// THEN (OCPP-J 3.2)
			assertThat(charger.subprotocol()).isEmpty();
			assertThat(charger.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1002);
		}
	}

	@Test
	void registersUnknownChargePointsOnFirstContactAndDecodesTheirIdentity() {
		String id = uniqueChargePointId("RDAM 123");
		try (OcppTestClient charger = connect(id)) {
			assertThat(charger.result("Heartbeat", "{}").has("currentTime")).isTrue();
			assertThat(this.registry.find(id)).hasValueSatisfying(
					(registration) -> assertThat(registration.status()).isEqualTo(RegistrationStatus.Accepted));
		}
	}

	@Test
	void refusesAPathWithoutAValidIdentity() {
		assertThatExceptionOfType(HandshakeRefused.class)
			.isThrownBy(() -> OcppTestClient.connect(this.port, "x".repeat(49), List.of("ocpp1.6"), null))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(400));
	}

	@Test
	void aChargePointWithAPasswordMustPresentItAsBasicAuth() {
		String id = uniqueChargePointId("secure");
		this.registry.provision(List.of(new ChargePointProvisioning(id, RegistrationStatus.Accepted,
				"0123456789abcdef0123")));
		// THEN
		assertThatExceptionOfType(HandshakeRefused.class)
			.isThrownBy(() -> OcppTestClient.connect(this.port, id, List.of("ocpp1.6"), null))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
		assertThatExceptionOfType(HandshakeRefused.class)
			.isThrownBy(() -> OcppTestClient.connect(this.port, id, List.of("ocpp1.6"), "wrong-password-0000"))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
		for (int attempt = 0; attempt < 3; attempt++) {
			try (OcppTestClient charger = OcppTestClient.connect(this.port, id, List.of("ocpp1.6"),
					"0123456789abcdef0123")) {
				assertThat(charger.result("Heartbeat", "{}").has("currentTime")).isTrue();
			}
		}
	}

	@Test
	void aRejectedChargePointMayOnlySendBootNotification() {
		String id = uniqueChargePointId("rejected");
		this.registry.provision(List.of(new ChargePointProvisioning(id, RegistrationStatus.Rejected, null)));
		try (OcppTestClient charger = connect(id)) {
			// WHEN
			var boot = charger.result("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
			var heartbeat = charger.call("Heartbeat", "{}");
			// THEN (OCPP-J errata 3.8)
			assertThat(boot.get("status").asString()).isEqualTo("Rejected");
			assertThat(boot.get("interval").asInt()).isBetween(54, 66);
			assertThat(heartbeat.get(2).asString()).isEqualTo("SecurityError");
		}
	}

	@Test
	void aNewConnectionOfTheSameChargerReplacesTheOldOne() {
		String id = uniqueChargePointId("twice");
		try (OcppTestClient first = connect(id); OcppTestClient second = connect(id)) {
			assertThat(first.closed()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1000);
			assertThat(second.result("Heartbeat", "{}").has("currentTime")).isTrue();
			assertThat(this.connections.find(id)).isPresent();
		}
	}

	@Test
	void aHalfOpenConnectionIsClosedAndTheChargerMarkedOfflineWithinTheBound() throws Exception {
		String id = uniqueChargePointId("halfopen");
		try (SilentWebSocket silent = SilentWebSocket.open(this.port, id)) {
			assertThat(silent.handshakeResponse()).startsWith("HTTP/1.1 101");
			await("charger online").atMost(Duration.ofSeconds(5)).until(() -> this.connections.find(id).isPresent());
			// WHEN it answers no ping; THEN (ping 1 s + pong timeout 1 s + check 0.2 s in the test context)
			await("half-open connection detected").atMost(Duration.ofSeconds(6))
				.until(() -> this.connections.find(id).isEmpty());
			await("charger marked offline").atMost(Duration.ofSeconds(3))
				.until(() -> Boolean.FALSE.equals(
						this.jdbc.queryForObject("SELECT online FROM charge_point WHERE id = ?", Boolean.class, id)));
		}
	}

	@Test
	void aChargerThatAnswersPingsStaysConnected() {
		String id = uniqueChargePointId("alive");
		try (OcppTestClient charger = connect(id)) {
			// THEN: well past ping interval + pong timeout, the JDK client answers pings itself
			await("stays connected").during(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(6))
				.until(() -> charger.isOpen() && this.connections.find(id).isPresent());
		}
	}

	@Test
	void nodeEndpointReportsIdentityAndConnectedChargers() {
		try (OcppTestClient charger = connect(uniqueChargePointId("node"))) {
			var response = Http.adminGet(this.port, "/admin/node");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"id\":\"test-node\"", "\"zone\":\"local\"", "\"role\":\"ALL\"")
				.containsPattern("\"connectedChargers\":[1-9]");
		}
	}

	@Test
	void adminAndActuatorNeedTheAdminCredentials() {
		assertThat(Http.get(this.port, "/admin/node").statusCode()).isEqualTo(401);
		assertThat(Http.get(this.port, "/actuator/metrics").statusCode()).isEqualTo(401);
		assertThat(Http.get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(Http.adminGet(this.port, "/actuator/chaosmonkey").statusCode())
			.as("Chaos Monkey is off without its profile")
			.isEqualTo(404);
	}

	@Test
	void prometheusEndpointExposesTheOcppMeters() {
		try (OcppTestClient charger = connect(uniqueChargePointId("metrics"))) {
			charger.result("Heartbeat", "{}");
			String metrics = Http.get(this.port, "/actuator/prometheus").body();
			assertThat(metrics).contains("chargestorm_ocpp_connections", "chargestorm_ocpp_handshakes_total",
					"chargestorm_ocpp_messages_total{action=\"Heartbeat\"", "chargestorm_ocpp_processing_seconds_bucket",
					"hikaricp_connections_active", "chargestorm_drain_remaining");
		}
	}

}
