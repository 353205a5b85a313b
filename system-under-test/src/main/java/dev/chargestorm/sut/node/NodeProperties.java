package dev.chargestorm.sut.node;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity of this node in a topology.
 *
 * @param id node id, unique in the topology
 * @param zone zone the node runs in
 * @param role what the node serves
 */
@ConfigurationProperties("chargestorm.node")
@Validated
public record NodeProperties(@DefaultValue("node-1") @NotBlank String id, @DefaultValue("local") @NotBlank String zone,
		@DefaultValue("all") Role role) {

	/** What a node serves. */
	public enum Role {

		/** The OCPP central system only. */
		OCPP,
		/** The search and operator APIs only. */
		API,
		/** Both. */
		ALL

	}

}
