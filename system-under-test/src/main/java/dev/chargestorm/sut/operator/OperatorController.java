package dev.chargestorm.sut.operator;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.chargestorm.sut.ocpp.ChargerConnection;
import dev.chargestorm.sut.ocpp.ConnectionRegistry;
import dev.chargestorm.sut.ocpp.OutboundCallException;
import dev.chargestorm.sut.ocpp.message.CentralSystemRequests;
import dev.chargestorm.sut.ocpp.message.CoreEnums.MessageTrigger;
import dev.chargestorm.sut.ocpp.message.OcppAction;
import dev.chargestorm.sut.ocpp.message.PayloadBinder;
import dev.chargestorm.sut.ocpp.message.PayloadViolationException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API: central-system-initiated calls to a connected charger, answered with the
 * charger's response payload. {@code 404} when the charger is not connected to this node,
 * {@code 504} when it did not answer in time, {@code 502} when it answered with a CALLERROR or
 * dropped the connection first, {@code 400} when the request body breaks the OCPP schema.
 */
@RestController
class OperatorController {

	/** The operations under /api/chargers/{id}/ and the OCPP action each sends. */
	static final Map<String, OcppAction> OPERATIONS = Map.of("remote-start", OcppAction.RemoteStartTransaction,
			"remote-stop", OcppAction.RemoteStopTransaction, "reset", OcppAction.Reset, "change-availability",
			OcppAction.ChangeAvailability, "trigger-message", OcppAction.TriggerMessage, "get-configuration",
			OcppAction.GetConfiguration, "change-configuration", OcppAction.ChangeConfiguration, "unlock-connector",
			OcppAction.UnlockConnector);

	private final ConnectionRegistry connections;

	private final PayloadBinder binder;

	private final JsonMapper mapper;

	private final MeterRegistry meters;

	OperatorController(ConnectionRegistry connections, PayloadBinder binder, JsonMapper mapper, MeterRegistry meters) {
		this.connections = connections;
		this.binder = binder;
		this.mapper = mapper;
		this.meters = meters;
	}

	@PostMapping("/api/chargers/{chargePointId}/{operation}")
	CompletableFuture<ResponseEntity<JsonNode>> operate(@PathVariable String chargePointId,
			@PathVariable String operation, @RequestBody(required = false) @Nullable JsonNode body) {
		OcppAction action = OPERATIONS.get(operation);
		if (action == null) {
			throw new UnknownOperationException(operation);
		}
		return call(chargePointId, action, (body != null) ? body : JsonNodeFactory.instance.objectNode());
	}

	private CompletableFuture<ResponseEntity<JsonNode>> call(String chargePointId, OcppAction action, JsonNode body) {
		if (!body.isObject()) {
			throw new PayloadViolationException(dev.chargestorm.sut.ocpp.frame.ErrorCode.FormationViolation, "",
					"The request body must be a JSON object");
		}
		Object request = this.binder.bind(body, action.payloadType().orElseThrow());
		ChargerConnection connection = this.connections.find(chargePointId)
			.orElseThrow(() -> new ChargerNotConnectedException(chargePointId));
		long started = System.nanoTime();
		return connection.call(action, this.mapper.valueToTree(request)).thenApply((result) -> {
			if (request instanceof CentralSystemRequests.TriggerMessage trigger
					&& "Accepted".equals(result.path("status").asString(""))) {
				connection.expectTriggered(triggeredAction(trigger.requestedMessage()));
			}
			record(action, "result", started);
			return ResponseEntity.ok(result);
		}).exceptionally((failure) -> {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof OutboundCallException callFailure) {
				record(action, callFailure.reason().name().toLowerCase(java.util.Locale.ROOT), started);
				HttpStatus status = (callFailure.reason() == OutboundCallException.Reason.TIMEOUT)
						? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, callFailure.getMessage());
				problem.setProperty("chargePointId", chargePointId);
				problem.setProperty("action", action.name());
				return ResponseEntity.status(status)
					.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
					.body(this.mapper.valueToTree(problem));
			}
			throw new CompletionException(cause);
		});
	}

	private void record(OcppAction action, String outcome, long startedNanos) {
		this.meters.timer("chargestorm.operator.calls", "action", action.name(), "outcome", outcome)
			.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	private static OcppAction triggeredAction(MessageTrigger trigger) {
		return OcppAction.named(trigger.name()).orElseThrow();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> chargerNotConnected(ChargerNotConnectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setProperty("chargePointId", ex.chargePointId());
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknownOperation(UnknownOperationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setProperty("operations", new TreeSet<>(OPERATIONS.keySet()));
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidRequest(PayloadViolationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("property", ex.property());
		problem.setProperty("ocppErrorCode", ex.errorCode().name());
		return ResponseEntity.badRequest().body(problem);
	}

	static final class UnknownOperationException extends RuntimeException {

		UnknownOperationException(String operation) {
			super("No operator call '" + operation + "'; known: " + new TreeSet<>(OPERATIONS.keySet()));
		}

	}

	static final class ChargerNotConnectedException extends RuntimeException {

		private final String chargePointId;

		ChargerNotConnectedException(String chargePointId) {
			super("Charger " + chargePointId + " is not connected to this node");
			this.chargePointId = chargePointId;
		}

		String chargePointId() {
			return this.chargePointId;
		}

	}

}
