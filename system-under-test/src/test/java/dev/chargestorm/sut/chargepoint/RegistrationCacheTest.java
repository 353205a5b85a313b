package dev.chargestorm.sut.chargepoint;

import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import dev.chargestorm.sut.support.LongLivedCacheIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardened central system loads every registration at once, so a charger that moves to this
 * node is admitted without a query.
 */
class RegistrationCacheTest extends LongLivedCacheIntegrationTest {

	@Autowired
	private ChargePointRegistry registry;

	@Test
	void aReloadLoadsRegistrationsThisNodeNeverLookedUp() {
		// GIVEN a charge point another node registered
		String id = uniqueChargePointId("moved");
		this.jdbc.update("INSERT INTO charge_point (id, registration_status) VALUES (?, 'Accepted')", id);

		// WHEN
		this.registry.reloadCache();

		// THEN it is answered from memory: gone from the database, still found
		this.jdbc.update("DELETE FROM charge_point WHERE id = ?", id);
		assertThat(this.registry.find(id)).map(Registration::status).contains(RegistrationStatus.Accepted);
		// until the next reload
		this.registry.reloadCache();
		assertThat(this.registry.find(id)).isEmpty();
	}

}
