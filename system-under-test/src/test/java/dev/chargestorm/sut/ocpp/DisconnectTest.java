package dev.chargestorm.sut.ocpp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

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

}
