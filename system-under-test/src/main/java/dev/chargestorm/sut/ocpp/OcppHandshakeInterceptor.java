package dev.chargestorm.sut.ocpp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import dev.chargestorm.sut.admission.AdmissionControl;
import dev.chargestorm.sut.chargepoint.ChargePointRegistry;
import dev.chargestorm.sut.chargepoint.Registration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Decides whether a charger may upgrade to OCPP-J, in the order a production central system
 * does: drain and admission control first (cheap, no database), then the charge point identity,
 * the registration lookup (404 for unknown ids unless auto-registration is on) and Basic auth.
 */
@Component
class OcppHandshakeInterceptor implements HandshakeInterceptor {

	static final String PATH_PREFIX = "/ocpp/";

	private static final int MAX_IDENTITY_LENGTH = 48;

	private static final Logger logger = LoggerFactory.getLogger(OcppHandshakeInterceptor.class);

	private final ChargePointRegistry registry;

	private final ConnectionRegistry connections;

	private final AdmissionControl admission;

	private final OcppProperties properties;

	private final OcppMetrics metrics;

	OcppHandshakeInterceptor(ChargePointRegistry registry, ConnectionRegistry connections,
			AdmissionControl admission, OcppProperties properties, OcppMetrics metrics) {
		this.registry = registry;
		this.connections = connections;
		this.admission = admission;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (!this.connections.accepting()) {
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "draining", "This node is draining",
					this.admission.retryAfterSeconds());
		}
		if (!this.admission.admitUpgrade()) {
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "admission_rate",
					"Too many connection attempts; retry later", this.admission.retryAfterSeconds());
		}
		String chargePointId = identity(request.getURI().getRawPath());
		if (chargePointId == null) {
			return refuse(response, HttpStatus.BAD_REQUEST, "bad_identity", "The path must be " + PATH_PREFIX
					+ "{chargePointId} with an identity of 1 to " + MAX_IDENTITY_LENGTH + " characters", 0);
		}
		if (!this.admission.acquireConnectWork()) {
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "admission_work",
					"The central system is busy; retry later", this.admission.retryAfterSeconds());
		}
		try {
			return admit(chargePointId, request, response, attributes);
		}
		catch (DataAccessException ex) {
			logger.debug("Handshake of charger {} failed in the database: {}", chargePointId,
					ex.getMostSpecificCause().getMessage());
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "database_error",
					"The central system cannot reach its database; retry later", this.admission.retryAfterSeconds());
		}
		finally {
			this.admission.releaseConnectWork();
		}
	}

	private boolean admit(String chargePointId, ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> attributes) {
		Optional<Registration> known = this.registry.find(chargePointId);
		if (known.isEmpty() && !this.properties.autoRegister()) {
			return refuse(response, HttpStatus.NOT_FOUND, "unknown_charge_point",
					"Unknown charge point '" + chargePointId + "'", 0);
		}
		Registration registration = known.orElseGet(() -> this.registry.registerOnFirstContact(chargePointId));
		if (registration.requiresPassword() || this.properties.basicAuthRequired()) {
			String password = basicPassword(request.getHeaders(), chargePointId);
			if (password == null || !this.registry.passwordMatches(registration, password)) {
				response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OCPP\", charset=\"UTF-8\"");
				return refuse(response, HttpStatus.UNAUTHORIZED, "unauthorized",
						"Basic authentication with the charge point identity as username failed", 0);
			}
		}
		attributes.put(OcppWebSocketHandler.CHARGE_POINT_ID, chargePointId);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
		if (exception != null) {
			this.metrics.handshake("error");
		}
	}

	/**
	 * @param rawPath the request path, percent-encoded
	 * @return the charge point identity, or null when the path does not carry a valid one
	 */
	static @Nullable String identity(String rawPath) {
		int start = rawPath.indexOf(PATH_PREFIX);
		if (start < 0) {
			return null;
		}
		String encoded = rawPath.substring(start + PATH_PREFIX.length());
		if (encoded.isEmpty() || encoded.contains("/")) {
			return null;
		}
		String identity;
		try {
			identity = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		boolean printable = identity.chars().allMatch((ch) -> ch >= 0x20 && ch != 0x7f);
		return (printable && identity.length() <= MAX_IDENTITY_LENGTH && !identity.isBlank()) ? identity : null;
	}

	private static @Nullable String basicPassword(HttpHeaders headers, String chargePointId) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon < 0 || !decoded.substring(0, colon).equals(chargePointId)) {
			return null;
		}
		return decoded.substring(colon + 1);
	}

	private boolean refuse(ServerHttpResponse response, HttpStatus status, String outcome, String message,
			long retryAfterSeconds) {
		this.metrics.handshake(outcome);
		response.setStatusCode(status);
		if (retryAfterSeconds > 0) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		try {
			response.getBody().write((message + "\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			logger.debug("Could not write the handshake refusal: {}", ex.getMessage());
		}
		return false;
	}

}
