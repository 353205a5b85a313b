package dev.chargestorm.sut.search.seed;

import java.util.List;

import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.search.ConnectorType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A charging spot as {@code POST /admin/spots} takes it and {@link SpotDataset} generates it.
 *
 * @param id spot id, such as {@code SPOT-000001}
 * @param name display name
 * @param address postal address
 * @param lat latitude, degrees
 * @param lng longitude, degrees
 * @param chargers its chargers (charge points)
 */
public record SeedSpot(@NotBlank @Size(max = 32) String id, @NotBlank @Size(max = 200) String name,
		@NotBlank @Size(max = 300) String address, @DecimalMin("-90") @DecimalMax("90") double lat,
		@DecimalMin("-180") @DecimalMax("180") double lng,
		@NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Charger> chargers) {

	/**
	 * A charger of a spot: a charge point of the central system.
	 *
	 * @param chargePointId the OCPP identity, such as {@code CP-000001}
	 * @param connectors its connectors
	 */
	public record Charger(@NotBlank @Size(max = 48) String chargePointId,
			@NotNull @Size(min = 1, max = 10) List<@NotNull @Valid Connector> connectors) {
	}

	/**
	 * A connector of a charger.
	 *
	 * @param connectorId OCPP connectorId, from 1
	 * @param type plug type
	 * @param powerKw rated power
	 * @param initialStatus status to record when the connector has none yet, or null for none
	 */
	public record Connector(@Min(1) @Max(10) int connectorId, @NotNull ConnectorType type,
			@DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") double powerKw,
			@Nullable ChargePointStatus initialStatus) {
	}

}
