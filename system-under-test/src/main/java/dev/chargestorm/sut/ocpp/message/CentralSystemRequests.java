package dev.chargestorm.sut.ocpp.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AvailabilityType;
import dev.chargestorm.sut.ocpp.message.CoreEnums.MessageTrigger;
import dev.chargestorm.sut.ocpp.message.CoreEnums.ResetType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Requests the central system sends to a charge point. The operator API binds its request bodies
 * to these records with the same strict rules as incoming OCPP payloads.
 */
public final class CentralSystemRequests {

	private CentralSystemRequests() {
	}

	/** Marker of every central-system-initiated request. */
	public sealed interface CentralSystemRequest permits RemoteStartTransaction, RemoteStopTransaction, Reset,
			ChangeAvailability, TriggerMessage, GetConfiguration, ChangeConfiguration, UnlockConnector {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RemoteStartTransaction(@NotNull @Size(max = 20) String idTag,
			@Nullable Integer connectorId) implements CentralSystemRequest {
	}

	public record RemoteStopTransaction(@NotNull Integer transactionId) implements CentralSystemRequest {
	}

	public record Reset(@NotNull ResetType type) implements CentralSystemRequest {
	}

	public record ChangeAvailability(@NotNull Integer connectorId,
			@NotNull AvailabilityType type) implements CentralSystemRequest {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TriggerMessage(@NotNull MessageTrigger requestedMessage,
			@Nullable Integer connectorId) implements CentralSystemRequest {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record GetConfiguration(@Nullable List<@NotNull @Size(max = 50) String> key)
			implements CentralSystemRequest {
	}

	public record ChangeConfiguration(@NotNull @Size(max = 50) String key,
			@NotNull @Size(max = 500) String value) implements CentralSystemRequest {
	}

	public record UnlockConnector(@NotNull Integer connectorId) implements CentralSystemRequest {
	}

}
