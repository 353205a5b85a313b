package dev.chargestorm.sut.search;

import dev.chargestorm.sut.support.Http;
import dev.chargestorm.sut.support.SutIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A node with role {@code ocpp} serves no search API and opens no search pool. */
@TestPropertySource(properties = "chargestorm.node.role=ocpp")
class RolesTest extends SutIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void anOcppNodeHasNoSearchApi() {
		assertThat(Http.get(this.port, "/api/spots?lat=35&lng=139").statusCode()).isEqualTo(404);
		assertThat(this.context.getBeanNamesForType(SearchPool.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SpotSearchController.class)).isEmpty();
	}

}
