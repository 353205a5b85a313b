package dev.chargestorm.sut.ocpp.message;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Every OCPP 1.6 action (Core, firmware, local list, reservation, smart charging, remote trigger
 * and the security whitepaper), with who sends it and, for those this system handles or sends,
 * the payload type.
 */
public enum OcppAction {

	// Sent by the charge point, handled here.
	Authorize(Sender.CHARGE_POINT, ChargePointRequests.Authorize.class),
	BootNotification(Sender.CHARGE_POINT, ChargePointRequests.BootNotification.class),
	DataTransfer(Sender.BOTH, ChargePointRequests.DataTransfer.class),
	DiagnosticsStatusNotification(Sender.CHARGE_POINT, ChargePointRequests.DiagnosticsStatusNotification.class),
	FirmwareStatusNotification(Sender.CHARGE_POINT, ChargePointRequests.FirmwareStatusNotification.class),
	Heartbeat(Sender.CHARGE_POINT, ChargePointRequests.Heartbeat.class),
	MeterValues(Sender.CHARGE_POINT, ChargePointRequests.MeterValues.class),
	StartTransaction(Sender.CHARGE_POINT, ChargePointRequests.StartTransaction.class),
	StatusNotification(Sender.CHARGE_POINT, ChargePointRequests.StatusNotification.class),
	StopTransaction(Sender.CHARGE_POINT, ChargePointRequests.StopTransaction.class),

	// Sent by the charge point, recognised but not supported (security whitepaper).
	SecurityEventNotification(Sender.CHARGE_POINT, null),
	SignCertificate(Sender.CHARGE_POINT, null),
	SignedFirmwareStatusNotification(Sender.CHARGE_POINT, null),
	LogStatusNotification(Sender.CHARGE_POINT, null),

	// Sent by the central system.
	RemoteStartTransaction(Sender.CENTRAL_SYSTEM, CentralSystemRequests.RemoteStartTransaction.class),
	RemoteStopTransaction(Sender.CENTRAL_SYSTEM, CentralSystemRequests.RemoteStopTransaction.class),
	Reset(Sender.CENTRAL_SYSTEM, CentralSystemRequests.Reset.class),
	ChangeAvailability(Sender.CENTRAL_SYSTEM, CentralSystemRequests.ChangeAvailability.class),
	TriggerMessage(Sender.CENTRAL_SYSTEM, CentralSystemRequests.TriggerMessage.class),
	GetConfiguration(Sender.CENTRAL_SYSTEM, CentralSystemRequests.GetConfiguration.class),
	ChangeConfiguration(Sender.CENTRAL_SYSTEM, CentralSystemRequests.ChangeConfiguration.class),
	UnlockConnector(Sender.CENTRAL_SYSTEM, CentralSystemRequests.UnlockConnector.class),
	ClearCache(Sender.CENTRAL_SYSTEM, null),
	GetDiagnostics(Sender.CENTRAL_SYSTEM, null),
	UpdateFirmware(Sender.CENTRAL_SYSTEM, null),
	GetLocalListVersion(Sender.CENTRAL_SYSTEM, null),
	SendLocalList(Sender.CENTRAL_SYSTEM, null),
	ReserveNow(Sender.CENTRAL_SYSTEM, null),
	CancelReservation(Sender.CENTRAL_SYSTEM, null),
	SetChargingProfile(Sender.CENTRAL_SYSTEM, null),
	ClearChargingProfile(Sender.CENTRAL_SYSTEM, null),
	GetCompositeSchedule(Sender.CENTRAL_SYSTEM, null),
	CertificateSigned(Sender.CENTRAL_SYSTEM, null),
	DeleteCertificate(Sender.CENTRAL_SYSTEM, null),
	ExtendedTriggerMessage(Sender.CENTRAL_SYSTEM, null),
	GetInstalledCertificateIds(Sender.CENTRAL_SYSTEM, null),
	GetLog(Sender.CENTRAL_SYSTEM, null),
	InstallCertificate(Sender.CENTRAL_SYSTEM, null),
	SignedUpdateFirmware(Sender.CENTRAL_SYSTEM, null);

	private static final Map<String, OcppAction> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(OcppAction::name, Function.identity()));

	private final Sender sender;

	private final @Nullable Class<?> payloadType;

	OcppAction(Sender sender, @Nullable Class<?> payloadType) {
		this.sender = sender;
		this.payloadType = payloadType;
	}

	/**
	 * Looks an action up by its case-sensitive wire name.
	 * @param name the action as it appears in a CALL
	 * @return the action, or empty when OCPP 1.6 has no such action
	 */
	public static Optional<OcppAction> named(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	/** @return whether the central system handles this action when a charge point sends it */
	public boolean handledByCentralSystem() {
		return this.sender != Sender.CENTRAL_SYSTEM && this.payloadType != null
				&& ChargePointRequests.ChargePointRequest.class.isAssignableFrom(this.payloadType);
	}

	/** @return the request payload type, if this system reads or writes it */
	public Optional<Class<?>> payloadType() {
		return Optional.ofNullable(this.payloadType);
	}

	private enum Sender {

		CHARGE_POINT, CENTRAL_SYSTEM, BOTH

	}

}
