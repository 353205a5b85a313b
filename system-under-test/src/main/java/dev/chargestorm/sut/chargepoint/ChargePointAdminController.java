package dev.chargestorm.sut.chargepoint;

import java.util.List;

import dev.chargestorm.sut.chargepoint.ChargePointRegistry.ChargePointProvisioning;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/charge-points}: provisions charge points (identity, status, password) in bulk. */
@RestController
class ChargePointAdminController {

	private final ChargePointRegistry registry;

	ChargePointAdminController(ChargePointRegistry registry) {
		this.registry = registry;
	}

	@PostMapping("/admin/charge-points")
	ProvisioningResult provision(@RequestBody @NotNull @Size(max = 100_000) List<@Valid ChargePointRequest> chargePoints) {
		int written = this.registry.provision(chargePoints.stream()
			.map((request) -> new ChargePointProvisioning(request.chargePointId(),
					(request.registrationStatus() != null) ? request.registrationStatus() : RegistrationStatus.Accepted,
					request.password()))
			.toList());
		return new ProvisioningResult(written);
	}

	record ChargePointRequest(@NotBlank @Size(max = 48) String chargePointId,
			@Nullable RegistrationStatus registrationStatus, @Nullable @Size(min = 8, max = 40) String password) {
	}

	record ProvisioningResult(int written) {
	}

}
