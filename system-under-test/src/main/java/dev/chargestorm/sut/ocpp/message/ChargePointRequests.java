package dev.chargestorm.sut.ocpp.message;

import java.time.OffsetDateTime;
import java.util.List;

import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointErrorCode;
import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.ocpp.message.CoreEnums.DiagnosticsStatus;
import dev.chargestorm.sut.ocpp.message.CoreEnums.FirmwareStatus;
import dev.chargestorm.sut.ocpp.message.CoreEnums.Reason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Requests a charge point sends to the central system, with the constraints of the official
 * OCPP 1.6 JSON schemas (2019-12 edition, errata applied) expressed as Bean Validation.
 */
public final class ChargePointRequests {

	private ChargePointRequests() {
	}

	/** Marker of every charge-point-initiated request. */
	public sealed interface ChargePointRequest permits BootNotification, Heartbeat, StatusNotification, Authorize,
			StartTransaction, StopTransaction, MeterValues, DataTransfer, DiagnosticsStatusNotification,
			FirmwareStatusNotification {
	}

	public record BootNotification(@NotNull @Size(max = 20) String chargePointVendor,
			@NotNull @Size(max = 20) String chargePointModel, @Nullable @Size(max = 25) String chargePointSerialNumber,
			@Nullable @Size(max = 25) String chargeBoxSerialNumber, @Nullable @Size(max = 50) String firmwareVersion,
			@Nullable @Size(max = 20) String iccid, @Nullable @Size(max = 20) String imsi,
			@Nullable @Size(max = 25) String meterType,
			@Nullable @Size(max = 25) String meterSerialNumber) implements ChargePointRequest {
	}

	public record Heartbeat() implements ChargePointRequest {
	}

	public record StatusNotification(@NotNull Integer connectorId, @NotNull ChargePointErrorCode errorCode,
			@Nullable @Size(max = 50) String info, @NotNull ChargePointStatus status, @Nullable OffsetDateTime timestamp,
			@Nullable @Size(max = 255) String vendorId,
			@Nullable @Size(max = 50) String vendorErrorCode) implements ChargePointRequest {
	}

	public record Authorize(@NotNull @Size(max = 20) String idTag) implements ChargePointRequest {
	}

	public record StartTransaction(@NotNull Integer connectorId, @NotNull @Size(max = 20) String idTag,
			@NotNull Long meterStart, @Nullable Integer reservationId,
			@NotNull OffsetDateTime timestamp) implements ChargePointRequest {
	}

	public record StopTransaction(@Nullable @Size(max = 20) String idTag, @NotNull Long meterStop,
			@NotNull OffsetDateTime timestamp, @NotNull Integer transactionId, @Nullable Reason reason,
			@Nullable List<@NotNull @Valid MeterValue> transactionData) implements ChargePointRequest {
	}

	public record MeterValues(@NotNull Integer connectorId, @Nullable Integer transactionId,
			@NotNull List<@NotNull @Valid MeterValue> meterValue) implements ChargePointRequest {
	}

	public record DataTransfer(@NotNull @Size(max = 255) String vendorId, @Nullable @Size(max = 50) String messageId,
			@Nullable String data) implements ChargePointRequest {
	}

	public record DiagnosticsStatusNotification(@NotNull DiagnosticsStatus status) implements ChargePointRequest {
	}

	public record FirmwareStatusNotification(@NotNull FirmwareStatus status) implements ChargePointRequest {
	}

	/** One sampled-values entry of MeterValues or StopTransaction.transactionData. */
	public record MeterValue(@NotNull OffsetDateTime timestamp,
			@NotNull List<@NotNull @Valid SampledValue> sampledValue) {
	}

	public record SampledValue(@NotNull String value,
			@Nullable @OneOf({ "Interruption.Begin", "Interruption.End", "Sample.Clock", "Sample.Periodic",
					"Transaction.Begin", "Transaction.End", "Trigger", "Other" }) String context,
			@Nullable @OneOf({ "Raw", "SignedData" }) String format,
			@Nullable @OneOf({ "Energy.Active.Export.Register", "Energy.Active.Import.Register",
					"Energy.Reactive.Export.Register", "Energy.Reactive.Import.Register",
					"Energy.Active.Export.Interval", "Energy.Active.Import.Interval",
					"Energy.Reactive.Export.Interval", "Energy.Reactive.Import.Interval", "Power.Active.Export",
					"Power.Active.Import", "Power.Offered", "Power.Reactive.Export", "Power.Reactive.Import",
					"Power.Factor", "Current.Import", "Current.Export", "Current.Offered", "Voltage", "Frequency",
					"Temperature", "SoC", "RPM" }) String measurand,
			@Nullable @OneOf({ "L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1" }) String phase,
			@Nullable @OneOf({ "Cable", "EV", "Inlet", "Outlet", "Body" }) String location,
			@Nullable @OneOf({ "Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A", "V", "K",
					"Celcius", "Celsius", "Fahrenheit", "Percent", "Hertz" }) String unit) {
	}

}
