package dev.chargestorm.sut.charging;

import java.time.Instant;
import java.util.List;

import dev.chargestorm.sut.charging.IdTagService.IdTag;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/id-tags}: provisions id tags in bulk. */
@RestController
class IdTagAdminController {

	private final IdTagService idTags;

	IdTagAdminController(IdTagService idTags) {
		this.idTags = idTags;
	}

	@PostMapping("/admin/id-tags")
	ProvisioningResult provision(@RequestBody @NotNull @Size(max = 100_000) List<@Valid IdTagRequest> idTags) {
		int written = this.idTags.provision(idTags.stream()
			.map((request) -> new IdTag(request.idTag(),
					(request.status() != null) ? request.status() : AuthorizationStatus.Accepted, request.expiryDate(),
					request.parentIdTag()))
			.toList());
		return new ProvisioningResult(written);
	}

	record IdTagRequest(@NotBlank @Size(max = 20) String idTag, @Nullable AuthorizationStatus status,
			@Nullable Instant expiryDate, @Nullable @Size(max = 20) String parentIdTag) {
	}

	record ProvisioningResult(int written) {
	}

}
