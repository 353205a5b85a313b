package dev.chargestorm.sut.ocpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OcppTestClient.HandshakeRefused;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** A drain closes connections at the requested rate with 1012 and refuses new upgrades. */
@TestPropertySource(properties = "chargestorm.node.id=drain-test-node")
class DrainTest extends SutIntegrationTest {

	private static final int CHARGERS = 120;

	private static final int RATE = 40;

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
			assertThat(Http.adminGet(this.port, "/admin/drain").body()).contains("\"finished\":true",
					"\"closed\":" + CHARGERS);
		}
		finally {
			chargers.forEach(OcppTestClient::close);
		}
	}

}
