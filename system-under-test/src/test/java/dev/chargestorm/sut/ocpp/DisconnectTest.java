package dev.chargestorm.sut.ocpp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /admin/disconnect}: experiments drop connections cleanly or abruptly. */
class DisconnectTest extends SutIntegrationTest {

	@ParameterizedTest(name = "{0} closes with {1}")
	@CsvSource({ "CLEAN, 4001", "ABRUPT, 1006" })
	void dropsEveryConnectionTheWayItWasAsked(String mode, int expectedCode) {
		List<OcppTestClient> chargers = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				chargers.add(connect(uniqueChargePointId("drop")));
			}
			// WHEN
			HttpResponse<String> response = Http.adminPost(this.port, "/admin/disconnect",
					"{\"fraction\":1.0,\"mode\":\"" + mode + "\",\"closeCode\":4001}");
			// THEN
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(response.body()).contains("\"mode\":\"" + mode + "\"");
			assertThat(chargers).allSatisfy((charger) -> assertThat(charger.closed())
				.succeedsWithin(Duration.ofSeconds(10))
				.isEqualTo(expectedCode));
		}
		finally {
			chargers.forEach(OcppTestClient::close);
		}
	}

	/**
	 * A harness dropping the chargers of several nodes sends each node the same instant: a charger
	 * that reconnected to this node after it (from a node dropped first) is not dropped again.
	 */
	@Test
	void dropsOnlyConnectionsOpenedBeforeTheGivenInstant() {
		List<OcppTestClient> before = new ArrayList<>();
		List<OcppTestClient> after = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				OcppTestClient charger = connect(uniqueChargePointId("before"));
				// a round trip: the node has registered the connection
				charger.result("Heartbeat", "{}");
				before.add(charger);
			}
			Instant sweep = Instant.now();
			for (int i = 0; i < 2; i++) {
				after.add(connect(uniqueChargePointId("after")));
			}
			// WHEN
			HttpResponse<String> response = Http.adminPost(this.port, "/admin/disconnect",
					"{\"fraction\":1.0,\"mode\":\"CLEAN\",\"openedBefore\":\"" + sweep + "\"}");
			// THEN
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(before).allSatisfy((charger) -> assertThat(charger.closed())
				.succeedsWithin(Duration.ofSeconds(10))
				.isEqualTo(1001));
			await("chargers connected after the instant stay").during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(3))
				.until(() -> after.stream().allMatch(OcppTestClient::isOpen));
		}
		finally {
			before.forEach(OcppTestClient::close);
			after.forEach(OcppTestClient::close);
		}
	}

}
