package dev.chargestorm.sut.security;

import java.util.List;

import dev.chargestorm.sut.support.SutIntegrationTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of Spring Security's filters run where: the public API and the OCPP endpoint need none
 * but the security response headers (they run on every search and every charger connect); the
 * admin API and the actuator keep authentication and authorization (their responses are tested
 * in HandshakeTest and SpotSeedingTest).
 */
class SecurityFilterChainsTest extends SutIntegrationTest {

	@Autowired
	private FilterChainProxy springSecurityFilterChain;

	@Test
	void thePublicApiAndTheOcppEndpointRunOnlyTheHeaderWriter() {
		for (String path : List.of("/api/spots", "/api/spots/SPOT-000001", "/api/chargers/CP1/reset", "/ocpp/CP1")) {
			assertThat(filterTypes(path)).as(path)
				.containsExactly(WebAsyncManagerIntegrationFilter.class, HeaderWriterFilter.class);
		}
	}

	@Test
	void theAdminApiAndTheActuatorAuthenticateAndAuthorize() {
		for (String path : List.of("/admin/node", "/actuator/prometheus", "/actuator/metrics")) {
			assertThat(filterTypes(path)).as(path)
				.extracting(Class::getSimpleName)
				.contains("BasicAuthenticationFilter", "AuthorizationFilter", "HeaderWriterFilter");
		}
	}

	private List<Class<?>> filterTypes(String path) {
		return this.springSecurityFilterChain.getFilters(path).stream().<Class<?>>map(Filter::getClass).toList();
	}

}
