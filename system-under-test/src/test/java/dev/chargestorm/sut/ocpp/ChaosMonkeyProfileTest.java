package dev.chargestorm.sut.ocpp;

import java.net.http.HttpResponse;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** With the chaos-monkey profile, Chaos Monkey's assaults are driven through the actuator. */
@ActiveProfiles("chaos-monkey")
class ChaosMonkeyProfileTest extends SutIntegrationTest {

	@Test
	void aLatencyAssaultSwitchedOnThroughTheActuatorSlowsTheControllers() {
		assertThat(Http.adminGet(this.port, "/actuator/chaosmonkey/status").body()).contains("\"enabled\":true");
		long before = timeNodeRequest();
		// WHEN
		HttpResponse<String> assault = Http.adminPost(this.port, "/actuator/chaosmonkey/assaults",
				"{\"level\":1,\"latencyActive\":true,\"latencyRangeStart\":700,\"latencyRangeEnd\":700}");
		// THEN
		assertThat(assault.statusCode()).as(assault.body()).isEqualTo(200);
		assertThat(timeNodeRequest()).isGreaterThanOrEqualTo(700).isGreaterThan(before);
		Http.adminPost(this.port, "/actuator/chaosmonkey/assaults", "{\"latencyActive\":false}");
	}

	private long timeNodeRequest() {
		long started = System.nanoTime();
		assertThat(Http.adminGet(this.port, "/admin/node").statusCode()).isEqualTo(200);
		return (System.nanoTime() - started) / 1_000_000;
	}

}
