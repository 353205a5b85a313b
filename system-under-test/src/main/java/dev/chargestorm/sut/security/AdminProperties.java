package dev.chargestorm.sut.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access to {@code /admin/**} and the actuator.
 *
 * @param username Basic-auth user for the admin API and the actuator
 * @param password its password; change it anywhere but on a laptop
 * @param loopbackOnly whether admin and actuator requests are accepted only from loopback
 * addresses (the OCPP endpoint and the public API stay reachable from anywhere)
 */
@ConfigurationProperties("chargestorm.admin")
@Validated
public record AdminProperties(@DefaultValue("admin") @NotBlank String username,
		@DefaultValue("chargestorm") @NotBlank String password, @DefaultValue("true") boolean loopbackOnly) {
}
