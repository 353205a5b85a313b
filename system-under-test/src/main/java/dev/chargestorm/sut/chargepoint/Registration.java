package dev.chargestorm.sut.chargepoint;

import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the central system knows of a charge point before it lets it connect.
 *
 * @param chargePointId the identity (username in Basic auth)
 * @param status the registration status BootNotification answers with
 * @param passwordHash the salted hash of its Basic-auth password, if it has one
 */
public record Registration(String chargePointId, RegistrationStatus status, @Nullable String passwordHash) {

	/** @return whether this charge point must authenticate */
	public boolean requiresPassword() {
		return this.passwordHash != null;
	}

}
