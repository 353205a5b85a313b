package dev.chargestorm.sut.ocpp.message;

/** Enumerations of the OCPP 1.6 Core profile, named exactly as on the wire. */
public final class CoreEnums {

	private CoreEnums() {
	}

	/** BootNotification.conf status. */
	public enum RegistrationStatus {
		Accepted, Pending, Rejected
	}

	/** IdTagInfo status. */
	public enum AuthorizationStatus {
		Accepted, Blocked, Expired, Invalid, ConcurrentTx
	}

	/** StatusNotification.req status. */
	public enum ChargePointStatus {
		Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted
	}

	/** StatusNotification.req errorCode. */
	public enum ChargePointErrorCode {
		ConnectorLockFailure, EVCommunicationError, GroundFailure, HighTemperature, InternalError,
		LocalListConflict, NoError, OtherError, OverCurrentFailure, PowerMeterFailure, PowerSwitchFailure,
		ReaderFailure, ResetFailure, UnderVoltage, OverVoltage, WeakSignal
	}

	/** StopTransaction.req reason. */
	public enum Reason {
		EmergencyStop, EVDisconnected, HardReset, Local, Other, PowerLoss, Reboot, Remote, SoftReset,
		UnlockCommand, DeAuthorized
	}

	/** DiagnosticsStatusNotification.req status. */
	public enum DiagnosticsStatus {
		Idle, Uploaded, UploadFailed, Uploading
	}

	/** FirmwareStatusNotification.req status. */
	public enum FirmwareStatus {
		Downloaded, DownloadFailed, Downloading, Idle, InstallationFailed, Installing, Installed
	}

	/** DataTransfer.conf status. */
	public enum DataTransferStatus {
		Accepted, Rejected, UnknownMessageId, UnknownVendorId
	}

	/** Reset.req type. */
	public enum ResetType {
		Hard, Soft
	}

	/** ChangeAvailability.req type. */
	public enum AvailabilityType {
		Inoperative, Operative
	}

	/** TriggerMessage.req requestedMessage. */
	public enum MessageTrigger {
		BootNotification, DiagnosticsStatusNotification, FirmwareStatusNotification, Heartbeat, MeterValues,
		StatusNotification
	}

}
