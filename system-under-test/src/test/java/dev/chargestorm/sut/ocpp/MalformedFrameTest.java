package dev.chargestorm.sut.ocpp;

import java.time.Duration;
import java.util.stream.Stream;

import dev.chargestorm.sut.support.OcppTestClient;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed and invalid frames get the CALLERROR OCPP-J prescribes, or the documented silence,
 * and never cost the charger its connection.
 */
class MalformedFrameTest extends SutIntegrationTest {

	private static final String LONG_ID = "x".repeat(37);

	private static final String SILENCE = "silence";

	private static final String RESULT = "CALLRESULT";

	static Stream<Arguments> frames() {
		return Stream.of(
				arguments("not JSON", "this is not json", "-1", "FormationViolation"),
				arguments("JSON object instead of array", "{\"a\":1}", "-1", "FormationViolation"),
				arguments("empty array", "[]", "-1", "FormationViolation"),
				arguments("message type as string", "[\"2\",\"m1\",\"Heartbeat\",{}]", "m1", "FormationViolation"),
				arguments("unknown message type 5 (ignored per OCPP-J 4.1.3)", "[5,\"m1\",\"Heartbeat\",{}]", null,
						SILENCE),
				arguments("unique id not a string", "[2,42,\"Heartbeat\",{}]", "-1", "FormationViolation"),
				arguments("unique id longer than 36", "[2,\"" + LONG_ID + "\",\"Heartbeat\",{}]", LONG_ID,
						"FormationViolation"),
				arguments("empty unique id", "[2,\"\",\"Heartbeat\",{}]", "", "FormationViolation"),
				arguments("CALL with 3 elements", "[2,\"m1\",\"Heartbeat\"]", "m1", "FormationViolation"),
				arguments("CALL with 5 elements", "[2,\"m1\",\"Heartbeat\",{},5]", "m1", "FormationViolation"),
				arguments("action not a string", "[2,\"m1\",17,{}]", "m1", "FormationViolation"),
				arguments("unknown action", "[2,\"m1\",\"FooBar\",{}]", "m1", "NotImplemented"),
				arguments("action in the wrong case", "[2,\"m1\",\"heartbeat\",{}]", "m1", "NotImplemented"),
				arguments("central-system action sent by a charger",
						"[2,\"m1\",\"RemoteStartTransaction\",{\"idTag\":\"A\"}]", "m1", "NotSupported"),
				arguments("security-whitepaper action",
						"[2,\"m1\",\"SecurityEventNotification\",{\"type\":\"x\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]",
						"m1", "NotSupported"),
				arguments("payload is an array", "[2,\"m1\",\"Authorize\",[]]", "m1", "FormationViolation"),
				arguments("payload is a string", "[2,\"m1\",\"Authorize\",\"A\"]", "m1", "FormationViolation"),
				arguments("required property missing", "[2,\"m1\",\"Authorize\",{}]", "m1",
						"OccurenceConstraintViolation"),
				arguments("one of two required properties missing",
						"[2,\"m1\",\"BootNotification\",{\"chargePointVendor\":\"V\"}]", "m1",
						"OccurenceConstraintViolation"),
				arguments("nested required property missing",
						"[2,\"m1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-01-01T00:00:00Z\"}]}]",
						"m1", "OccurenceConstraintViolation"),
				arguments("number where a string belongs", "[2,\"m1\",\"Authorize\",{\"idTag\":12}]", "m1",
						"TypeConstraintViolation"),
				arguments("null value", "[2,\"m1\",\"Authorize\",{\"idTag\":null}]", "m1", "TypeConstraintViolation"),
				arguments("string where an integer belongs",
						"[2,\"m1\",\"StatusNotification\",{\"connectorId\":\"1\",\"errorCode\":\"NoError\",\"status\":\"Available\"}]",
						"m1", "TypeConstraintViolation"),
				arguments("decimal where an integer belongs",
						"[2,\"m1\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"A\",\"meterStart\":1.5,\"timestamp\":\"2026-01-01T00:00:00Z\"}]",
						"m1", "TypeConstraintViolation"),
				arguments("malformed date-time",
						"[2,\"m1\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"A\",\"meterStart\":1,\"timestamp\":\"yesterday\"}]",
						"m1", "TypeConstraintViolation"),
				arguments("string longer than its CiString limit",
						"[2,\"m1\",\"Authorize\",{\"idTag\":\"123456789012345678901\"}]", "m1",
						"PropertyConstraintViolation"),
				arguments("value outside the enumeration",
						"[2,\"m1\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}]",
						"m1", "PropertyConstraintViolation"),
				arguments("nested value outside the enumeration",
						"[2,\"m1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":\"1\",\"unit\":\"parsec\"}]}]}]",
						"m1", "PropertyConstraintViolation"),
				arguments("property the schema does not define",
						"[2,\"m1\",\"Authorize\",{\"idTag\":\"A\",\"extra\":1}]", "m1", "FormationViolation"),
				arguments("null payload means an empty one", "[2,\"m1\",\"Heartbeat\",null]", "m1", RESULT),
				arguments("CALLRESULT nobody asked for (ignored)", "[3,\"nobody-asked\",{}]", null, SILENCE),
				arguments("CALLERROR nobody asked for (ignored)", "[4,\"nobody-asked\",\"GenericError\",\"\",{}]",
						null, SILENCE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frames")
	void answersEachBadFrameAsOcppJSaysAndKeepsTheConnection(String name, String frame, String expectedId,
			String expected) {
		try (OcppTestClient charger = connect(uniqueChargePointId("malformed"))) {
			// WHEN
			ArrayNode answer = charger.nextAnswerAfter(frame, Duration.ofSeconds(expected.equals(SILENCE) ? 1 : 10));
			// THEN
			if (expected.equals(SILENCE)) {
				assertThat(answer).as("answer to %s", frame).isNull();
			}
			else if (expected.equals(RESULT)) {
				assertThat(answer.get(0).asInt()).isEqualTo(3);
				assertThat(answer.get(1).asString()).isEqualTo(expectedId);
			}
			else {
				assertThat(answer.size()).isEqualTo(5);
				assertThat(answer.get(0).asInt()).isEqualTo(4);
				assertThat(answer.get(1).asString()).isEqualTo(expectedId);
				assertThat(answer.get(2).asString()).as("error code for %s (%s)", frame, answer.get(3))
					.isEqualTo(expected);
				assertThat(answer.get(3).asString()).isNotBlank();
				assertThat(answer.get(4).isObject()).isTrue();
			}
			assertThat(charger.result("Heartbeat", "{}").has("currentTime")).as("connection still serves CALLs")
				.isTrue();
		}
	}

	@Test
	void aBinaryFrameIsIgnoredAndTheConnectionStaysUsable() {
		try (OcppTestClient charger = connect(uniqueChargePointId("binary"))) {
			// WHEN
			charger.sendBinary(new byte[] { 1, 2, 3 });
			// THEN
			assertThat(charger.nextAnswer(Duration.ofMillis(500))).isNull();
			assertThat(charger.result("Heartbeat", "{}").has("currentTime")).isTrue();
		}
	}

	@Test
	void aBadFrameFromOneChargerDoesNotDisturbAnother() {
		try (OcppTestClient bad = connect(uniqueChargePointId("bad"));
				OcppTestClient good = connect(uniqueChargePointId("good"))) {
			// WHEN
			for (int i = 0; i < 20; i++) {
				bad.send("[2,\"m" + i + "\",\"Authorize\",{\"idTag\":" + i + "}");
			}
			// THEN
			assertThat(good.result("Heartbeat", "{}").has("currentTime")).isTrue();
			assertThat(bad.isOpen()).isTrue();
			assertThat(good.isOpen()).isTrue();
		}
	}

}
