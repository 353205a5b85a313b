package dev.chargestorm.sut.ocpp;

import java.time.Clock;
import java.util.Optional;

import dev.chargestorm.sut.chargepoint.BootService;
import dev.chargestorm.sut.chargepoint.PresenceTracker;
import dev.chargestorm.sut.chargepoint.StatusService;
import dev.chargestorm.sut.charging.IdTagService;
import dev.chargestorm.sut.charging.NotificationService;
import dev.chargestorm.sut.charging.TransactionService;
import dev.chargestorm.sut.ocpp.frame.ErrorCode;
import dev.chargestorm.sut.ocpp.frame.OcppFrame;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.Call;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallError;
import dev.chargestorm.sut.ocpp.frame.OcppFrame.CallResult;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.AuthorizeConf;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.Confirmation;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.EmptyConf;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.HeartbeatConf;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.Authorize;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.BootNotification;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.ChargePointRequest;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.DataTransfer;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.DiagnosticsStatusNotification;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.FirmwareStatusNotification;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.Heartbeat;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.MeterValues;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StartTransaction;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StatusNotification;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StopTransaction;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import dev.chargestorm.sut.ocpp.message.OcppAction;
import dev.chargestorm.sut.ocpp.message.PayloadBinder;
import dev.chargestorm.sut.ocpp.message.PayloadViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Answers the CALLs charge points send: checks the action, the registration state and the
 * payload, hands the request to the feature that owns it, and turns the outcome into a
 * CALLRESULT or the CALLERROR OCPP-J prescribes.
 */
@Component
class CentralSystemService {

	private static final Logger logger = LoggerFactory.getLogger(CentralSystemService.class);

	private final PayloadBinder binder;

	private final JsonMapper mapper;

	private final BootService boot;

	private final PresenceTracker presence;

	private final StatusService status;

	private final IdTagService idTags;

	private final TransactionService transactions;

	private final NotificationService notifications;

	private final Clock clock;

	CentralSystemService(PayloadBinder binder, JsonMapper mapper, BootService boot, PresenceTracker presence,
			StatusService status, IdTagService idTags, TransactionService transactions,
			NotificationService notifications, Clock clock) {
		this.binder = binder;
		this.mapper = mapper;
		this.boot = boot;
		this.presence = presence;
		this.status = status;
		this.idTags = idTags;
		this.transactions = transactions;
		this.notifications = notifications;
		this.clock = clock;
	}

	/**
	 * Answers one CALL.
	 * @param connection the charger's connection
	 * @param call the CALL
	 * @return the CALLRESULT or CALLERROR to send
	 */
	OcppFrame answer(ChargerConnection connection, Call call) {
		Optional<OcppAction> known = OcppAction.named(call.action());
		if (known.isEmpty()) {
			return CallError.of(call.messageId(), ErrorCode.NotImplemented,
					"Action '" + call.action() + "' is not an OCPP 1.6 action");
		}
		OcppAction action = known.get();
		if (!action.handledByCentralSystem()) {
			return CallError.of(call.messageId(), ErrorCode.NotSupported,
					"Action '" + call.action() + "' is not supported by this central system");
		}
		String chargePointId = connection.chargePointId();
		if (action != OcppAction.BootNotification && !connection.consumeTrigger(action)) {
			Optional<RegistrationStatus> registration = this.boot.lastAnswer(chargePointId);
			if (registration.isPresent() && registration.get() != RegistrationStatus.Accepted) {
				return CallError.of(call.messageId(), ErrorCode.SecurityError, "Charge point " + chargePointId
						+ " is " + registration.get() + "; only BootNotification is allowed until it is Accepted");
			}
		}
		try {
			ChargePointRequest request = (ChargePointRequest) this.binder.bind(call.payload(),
					action.payloadType().orElseThrow());
			return new CallResult(call.messageId(), toJson(handle(chargePointId, request)));
		}
		catch (PayloadViolationException ex) {
			return CallError.of(call.messageId(), ex.errorCode(), ex.getMessage());
		}
		catch (DataAccessException ex) {
			logger.debug("{} from charger {} failed in the database: {}", call.action(), chargePointId,
					ex.getMostSpecificCause().getMessage());
			return CallError.of(call.messageId(), ErrorCode.InternalError,
					"The central system could not store " + call.action() + " (database unavailable); retry later");
		}
	}

	private Confirmation handle(String chargePointId, ChargePointRequest request) {
		return switch (request) {
			case BootNotification boot -> this.boot.boot(chargePointId, boot);
			case Heartbeat ignored -> {
				this.presence.heartbeat(chargePointId);
				yield new HeartbeatConf(this.clock.instant());
			}
			case StatusNotification notification -> {
				this.status.statusNotification(chargePointId, notification);
				yield EmptyConf.INSTANCE;
			}
			case Authorize authorize -> new AuthorizeConf(this.idTags.authorize(authorize.idTag()));
			case StartTransaction start -> this.transactions.start(chargePointId, start);
			case StopTransaction stop -> this.transactions.stop(chargePointId, stop);
			case MeterValues meterValues -> {
				this.transactions.meterValues(chargePointId, meterValues);
				yield EmptyConf.INSTANCE;
			}
			case DataTransfer dataTransfer -> this.notifications.dataTransfer(chargePointId, dataTransfer);
			case DiagnosticsStatusNotification diagnostics -> {
				this.notifications.diagnosticsStatus(chargePointId, diagnostics);
				yield EmptyConf.INSTANCE;
			}
			case FirmwareStatusNotification firmware -> {
				this.notifications.firmwareStatus(chargePointId, firmware);
				yield EmptyConf.INSTANCE;
			}
		};
	}

	private JsonNode toJson(Confirmation confirmation) {
		return (confirmation == EmptyConf.INSTANCE) ? JsonNodeFactory.instance.objectNode()
				: this.mapper.valueToTree(confirmation);
	}

}
