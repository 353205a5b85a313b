package dev.chargestorm.sut.ocpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.SutProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged central system as a process: its data survives a restart, a naive SIGTERM closes
 * every connection at once, a hardened one drains them over the window.
 */
class RestartAndShutdownIT {

	private static final String BOOT = "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}";

	private static final String START = """
			{"connectorId":1,"idTag":"KEEP-ME","meterStart":5,"timestamp":"2026-04-01T09:00:00Z"}""";

	@TempDir
	Path temp;

	@Test
	void dataSurvivesARestart() throws Exception {
		Path dataDir = Files.createDirectories(this.temp.resolve("data"));
		int transactionId;
		try (SutProcess sut = SutProcess.start(dataDir)) {
			assertThat(Http.adminPost(sut.port(), "/admin/id-tags", "[{\"idTag\":\"KEEP-ME\"}]").statusCode())
				.isEqualTo(200);
			assertThat(Http.adminPost(sut.port(), "/admin/charge-points",
					"[{\"chargePointId\":\"CP-BLOCKED\",\"registrationStatus\":\"Rejected\"}]").statusCode())
				.isEqualTo(200);
			try (OcppTestClient charger = OcppTestClient.connect(sut.port(), "CP-KEEP")) {
				charger.result("BootNotification", BOOT);
				transactionId = charger.result("StartTransaction", START).get("transactionId").asInt();
			}
			sut.terminate(Duration.ofSeconds(60));
		}
		// WHEN started again on the same data directory
		try (SutProcess sut = SutProcess.start(dataDir)) {
			try (OcppTestClient charger = OcppTestClient.connect(sut.port(), "CP-KEEP");
					OcppTestClient blocked = OcppTestClient.connect(sut.port(), "CP-BLOCKED")) {
				// THEN: the transaction, the id tag and the registration are still there
				assertThat(charger.result("StartTransaction", START).get("transactionId").asInt())
					.isEqualTo(transactionId);
				assertThat(charger.result("Authorize", "{\"idTag\":\"KEEP-ME\"}").at("/idTagInfo/status").asString())
					.isEqualTo("Accepted");
				assertThat(blocked.result("BootNotification", BOOT).get("status").asString()).isEqualTo("Rejected");
			}
		}
	}

	@Test
	void aNaiveShutdownClosesEveryConnectionAtOnce() throws Exception {
		try (SutProcess sut = SutProcess.start(Files.createDirectories(this.temp.resolve("naive")))) {
			Closes closes = connectChargers(sut, 30);
			// WHEN
			sut.terminate(Duration.ofSeconds(60));
			// THEN
			await("all closed").atMost(Duration.ofSeconds(10)).until(() -> closes.codes.size() == 30);
			assertThat(closes.codes).containsOnly(1001);
			assertThat(closes.spreadMillis()).isLessThan(1_000);
			closes.close();
		}
	}

	@Test
	void aHardenedShutdownDrainsConnectionsOverTheWindow() throws Exception {
		try (SutProcess sut = SutProcess.start(Files.createDirectories(this.temp.resolve("hardened")),
				"--spring.profiles.active=hardened", "--chargestorm.drain.window=3s")) {
			Closes closes = connectChargers(sut, 30);
			// WHEN
			sut.terminate(Duration.ofSeconds(60));
			// THEN
			await("all closed").atMost(Duration.ofSeconds(10)).until(() -> closes.codes.size() == 30);
			assertThat(closes.codes).containsOnly(1012);
			assertThat(closes.spreadMillis()).isBetween(2_000L, 4_000L);
			closes.close();
		}
	}

	private static Closes connectChargers(SutProcess sut, int count) {
		Closes closes = new Closes();
		for (int i = 0; i < count; i++) {
			OcppTestClient charger = OcppTestClient.connect(sut.port(), "CP-" + i);
			charger.closed().thenAccept((code) -> {
				closes.atNanos.add(System.nanoTime());
				closes.codes.add(code);
			});
			closes.chargers.add(charger);
		}
		return closes;
	}

	private static final class Closes implements AutoCloseable {

		private final List<OcppTestClient> chargers = new ArrayList<>();

		private final ConcurrentLinkedQueue<Long> atNanos = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();

		long spreadMillis() {
			long first = this.atNanos.stream().min(Long::compare).orElseThrow();
			long last = this.atNanos.stream().max(Long::compare).orElseThrow();
			return (last - first) / 1_000_000;
		}

		@Override
		public void close() {
			this.chargers.forEach(OcppTestClient::close);
		}

	}

}
