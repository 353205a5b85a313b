package dev.chargestorm.sut.ocpp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.OfficialSchemas;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Central-system-initiated calls through the operator API, end to end with a test charger. */
class OperatorApiTest extends SutIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BOOT = "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}";

	@Test
	void remoteStartReachesTheChargerAndReturnsItsAnswer() {
		String id = uniqueChargePointId("remote");
		List<ArrayNode> received = new CopyOnWriteArrayList<>();
		try (OcppTestClient charger = connect(id).answering((call) -> {
			received.add(call);
			return JSON.readTree("{\"status\":\"Accepted\"}");
		})) {
			charger.result("BootNotification", BOOT);
			// WHEN
			HttpResponse<String> response = Http.post(this.port, "/api/chargers/" + id + "/remote-start",
					"{\"idTag\":\"DRIVER-1\",\"connectorId\":1}");
			// THEN
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("Accepted");
			assertThat(received).singleElement().satisfies((call) -> {
				assertThat(call.get(2).asString()).isEqualTo("RemoteStartTransaction");
				assertThat(call.get(1).asString()).hasSizeLessThanOrEqualTo(36);
				OfficialSchemas.assertValid("RemoteStartTransaction", call.get(3));
				assertThat(call.get(3).get("idTag").asString()).isEqualTo("DRIVER-1");
				assertThat(call.get(3).get("connectorId").asInt()).isEqualTo(1);
			});
		}
	}

	@Test
	void everyOperatorCallSendsASchemaValidRequestAndPassesTheAnswerThrough() {
		String id = uniqueChargePointId("calls");
		List<ArrayNode> received = new CopyOnWriteArrayList<>();
		try (OcppTestClient charger = connect(id).answering((call) -> {
			received.add(call);
			return switch (call.get(2).asString()) {
				case "GetConfiguration" -> JSON.readTree(
						"{\"configurationKey\":[{\"key\":\"HeartbeatInterval\",\"readonly\":false,\"value\":\"300\"}]}");
				case "UnlockConnector" -> JSON.readTree("{\"status\":\"Unlocked\"}");
				default -> JSON.readTree("{\"status\":\"Accepted\"}");
			};
		})) {
			charger.result("BootNotification", BOOT);
			// WHEN
			List<String[]> calls = List.of(new String[] { "remote-stop", "{\"transactionId\":5}", "RemoteStopTransaction" },
					new String[] { "reset", "{\"type\":\"Soft\"}", "Reset" },
					new String[] { "change-availability", "{\"connectorId\":0,\"type\":\"Inoperative\"}",
							"ChangeAvailability" },
					new String[] { "trigger-message", "{\"requestedMessage\":\"StatusNotification\"}",
							"TriggerMessage" },
					new String[] { "get-configuration", "{\"key\":[\"HeartbeatInterval\"]}", "GetConfiguration" },
					new String[] { "change-configuration", "{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}",
							"ChangeConfiguration" },
					new String[] { "unlock-connector", "{\"connectorId\":1}", "UnlockConnector" });
			for (String[] call : calls) {
				HttpResponse<String> response = Http.post(this.port, "/api/chargers/" + id + "/" + call[0], call[1]);
				// THEN
				assertThat(response.statusCode()).as("%s: %s", call[0], response.body()).isEqualTo(200);
			}
			assertThat(received).extracting((call) -> call.get(2).asString())
				.containsExactly(calls.stream().map((call) -> call[2]).toArray(String[]::new));
			received.forEach((call) -> OfficialSchemas.assertValid(call.get(2).asString(), call.get(3)));
			JsonNode configuration = JSON.readTree(Http
				.post(this.port, "/api/chargers/" + id + "/get-configuration", "{}")
				.body());
			assertThat(configuration.at("/configurationKey/0/key").asString()).isEqualTo("HeartbeatInterval");
		}
	}

	@Test
	void aChargerThatIsNotConnectedGets404() {
		HttpResponse<String> response = Http.post(this.port, "/api/chargers/nobody-here/remote-start",
				"{\"idTag\":\"A\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("nobody-here", "not connected");
	}

	@Test
	void aChargerThatDoesNotAnswerGets504AfterTheCallTimeout() {
		String id = uniqueChargePointId("silent");
		try (OcppTestClient charger = connect(id).answering((call) -> null)) {
			charger.result("BootNotification", BOOT);
			// WHEN
			long started = System.nanoTime();
			HttpResponse<String> response = Http.post(this.port, "/api/chargers/" + id + "/remote-start",
					"{\"idTag\":\"A\"}");
			long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
			// THEN (the test context sets the call timeout to 3 s)
			assertThat(response.statusCode()).isEqualTo(504);
			assertThat(elapsedMillis).isBetween(2_500L, 10_000L);
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("did not answer");
		}
	}

	@Test
	void aCallErrorFromTheChargerGives502AndCallsAfterItStillWork() {
		String id = uniqueChargePointId("callerror");
		try (OcppTestClient charger = connect(id)) {
			charger.answering((call) -> {
				if (call.get(2).asString().equals("Reset")) {
					charger.send("[4,\"" + call.get(1).asString() + "\",\"NotSupported\",\"no resets here\",{}]");
					return null;
				}
				return JSON.readTree("{\"status\":\"Accepted\"}");
			});
			charger.result("BootNotification", BOOT);
			// WHEN
			HttpResponse<String> reset = Http.post(this.port, "/api/chargers/" + id + "/reset", "{\"type\":\"Hard\"}");
			HttpResponse<String> start = Http.post(this.port, "/api/chargers/" + id + "/remote-start",
					"{\"idTag\":\"A\"}");
			// THEN
			assertThat(reset.statusCode()).isEqualTo(502);
			assertThat(JSON.readTree(reset.body()).get("detail").asString()).contains("NotSupported", "no resets here");
			assertThat(start.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void anUnknownOperationGets404ListingTheKnownOnes() {
		HttpResponse<String> response = Http.post(this.port, "/api/chargers/anyone/self-destruct", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("self-destruct", "remote-start",
				"unlock-connector");
	}

	@Test
	void aRequestBodyThatBreaksTheSchemaGets400NamingTheProperty() {
		HttpResponse<String> response = Http.post(this.port, "/api/chargers/anyone/remote-start",
				"{\"idTag\":\"123456789012345678901\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("property").asString()).isEqualTo("idTag");
		assertThat(problem.get("detail").asString()).contains("at most 20 characters");
	}

}
