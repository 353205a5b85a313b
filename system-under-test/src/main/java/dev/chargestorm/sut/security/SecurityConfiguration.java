package dev.chargestorm.sut.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * {@code /admin/**} and the actuator need the admin's Basic credentials and, by default, a
 * loopback client; health and Prometheus metrics need only the loopback client, so scrapers work
 * without credentials. The OCPP endpoint and the public API are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, AdminProperties admin) throws Exception {
		AuthorizationManager<RequestAuthorizationContext> loopback = new LoopbackAuthorizationManager(
				admin.loopbackOnly());
		AuthorizationManager<RequestAuthorizationContext> adminOnLoopback = AuthorizationManagers.allOf(loopback,
				AuthorityAuthorizationManager.hasRole("ADMIN"));
		http.securityMatcher("/admin/**", "/actuator/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus")
				.access(loopback)
				.anyRequest()
				.access(adminOnLoopback))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * The public API and the OCPP endpoint (which does its own Basic auth per charge point): no
	 * authentication and no authorization, so of Spring Security's filters only the one that writes
	 * the security response headers ({@code X-Content-Type-Options}, {@code X-Frame-Options},
	 * {@code Cache-Control: no-cache} where the answer sets none) runs. Every other filter would
	 * only permit the request, and at hundreds of searches a second their work (and an observation
	 * of each) is a measurable part of a search's CPU time (docs/benchmarks.md).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain publicSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/**", "/ocpp/**")
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.sessionManagement((sessions) -> sessions.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.exceptionHandling((exceptions) -> exceptions.disable());
		return http.build();
	}

	/** Everything else (error pages, unknown paths) is open. */
	@Bean
	@Order(3)
	SecurityFilterChain openSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	UserDetailsService adminUsers(AdminProperties admin) {
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password("{noop}" + admin.password()).roles("ADMIN").build());
	}

	/** Grants access only to loopback clients when {@code loopbackOnly}. */
	private record LoopbackAuthorizationManager(boolean loopbackOnly)
			implements AuthorizationManager<RequestAuthorizationContext> {

		@Override
		public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
				RequestAuthorizationContext context) {
			return new AuthorizationDecision(!this.loopbackOnly || isLoopback(context.getRequest().getRemoteAddr()));
		}

		private static boolean isLoopback(String address) {
			try {
				return InetAddress.getByName(address).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}

	}

}
