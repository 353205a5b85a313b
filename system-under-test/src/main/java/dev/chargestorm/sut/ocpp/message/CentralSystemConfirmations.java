package dev.chargestorm.sut.ocpp.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import dev.chargestorm.sut.ocpp.message.CoreEnums.DataTransferStatus;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import org.jspecify.annotations.Nullable;

/** The central system's answers (CALLRESULT payloads) to charge-point requests. */
public final class CentralSystemConfirmations {

	private CentralSystemConfirmations() {
	}

	/** Marker of every answer. */
	public sealed interface Confirmation permits BootNotificationConf, HeartbeatConf, AuthorizeConf,
			StartTransactionConf, StopTransactionConf, DataTransferConf, EmptyConf {
	}

	public record BootNotificationConf(RegistrationStatus status, Instant currentTime, int interval)
			implements Confirmation {
	}

	public record HeartbeatConf(Instant currentTime) implements Confirmation {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record IdTagInfo(AuthorizationStatus status, @Nullable Instant expiryDate, @Nullable String parentIdTag) {

		public static IdTagInfo of(AuthorizationStatus status) {
			return new IdTagInfo(status, null, null);
		}

	}

	public record AuthorizeConf(IdTagInfo idTagInfo) implements Confirmation {
	}

	public record StartTransactionConf(IdTagInfo idTagInfo, int transactionId) implements Confirmation {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record StopTransactionConf(@Nullable IdTagInfo idTagInfo) implements Confirmation {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record DataTransferConf(DataTransferStatus status, @Nullable String data) implements Confirmation {
	}

	/** The empty object {@code {}} of StatusNotification.conf, MeterValues.conf and the notifications. */
	public enum EmptyConf implements Confirmation {

		INSTANCE

	}

}
