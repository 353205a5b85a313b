package dev.chargestorm.sut.charging;

import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Id tag authorisation.
 *
 * @param unknownStatus the status Authorize answers for an id tag nobody provisioned
 */
@ConfigurationProperties("chargestorm.id-tags")
public record IdTagProperties(@DefaultValue("Invalid") AuthorizationStatus unknownStatus) {
}
