package dev.chargestorm.sut.chargepoint;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The charge points this central system knows: looked up at every handshake (from a cache when
 * the connect path is cheap), registered on first contact when auto-registration is on, and
 * provisioned in bulk through the admin API.
 */
@Service
public class ChargePointRegistry {

	private static final String SELECT = "SELECT id, registration_status, auth_password_hash FROM charge_point";

	private static final RowMapper<Registration> REGISTRATION = (rs, row) -> new Registration(rs.getString(1),
			RegistrationStatus.valueOf(rs.getString(2)), rs.getString(3));

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final PasswordHasher passwordHasher;

	private final @Nullable ConnectPathCache<Registration> cache;

	ChargePointRegistry(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PasswordHasher passwordHasher,
			ConnectPathProperties connectPath) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.passwordHasher = passwordHasher;
		this.cache = ConnectPathCache.forConnectPath("charge points", 200_000, connectPath);
	}

	/**
	 * Looks a charge point up.
	 * @param chargePointId the identity
	 * @return its registration, if it is known
	 */
	public Optional<Registration> find(String chargePointId) {
		return Optional.ofNullable((this.cache != null) ? this.cache.get(chargePointId, this::load)
				: load(chargePointId));
	}

	private @Nullable Registration load(String chargePointId) {
		return this.jdbc.sql(SELECT + " WHERE id = ?").param(chargePointId).query(REGISTRATION).optional().orElse(null);
	}

	/** Loads every registration into the cheap connect path's cache, at start and then every cache TTL. */
	@Scheduled(fixedDelayString = "${chargestorm.connect-path.cache-ttl:60s}")
	void reloadCache() {
		if (this.cache != null) {
			this.cache.reload(this.jdbc, SELECT, REGISTRATION, Registration::chargePointId, Function.identity());
		}
	}

	/**
	 * Registers an unknown charge point as Accepted, without a password.
	 * @param chargePointId the identity
	 * @return its registration (the existing one if another connection registered it first)
	 */
	public Registration registerOnFirstContact(String chargePointId) {
		this.jdbc.sql("INSERT INTO charge_point (id) VALUES (?) ON CONFLICT (id) DO NOTHING")
			.param(chargePointId)
			.update();
		invalidate(chargePointId);
		return find(chargePointId).orElseThrow();
	}

	/**
	 * Checks a charge point's Basic-auth password.
	 * @param registration the charge point
	 * @param password the password presented
	 * @return whether it may connect
	 */
	public boolean passwordMatches(Registration registration, String password) {
		String hash = registration.passwordHash();
		return hash != null && this.passwordHasher.matches(registration.chargePointId(), password, hash);
	}

	/**
	 * Creates or updates charge points in one batch.
	 * @param chargePoints what to provision
	 * @return how many were written
	 */
	public int provision(Collection<ChargePointProvisioning> chargePoints) {
		int[][] counts = this.jdbcTemplate.batchUpdate("""
				INSERT INTO charge_point (id, registration_status, auth_password_hash) VALUES (?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET registration_status = EXCLUDED.registration_status,
				    auth_password_hash = EXCLUDED.auth_password_hash
				""", chargePoints, 1000, (statement, chargePoint) -> {
			statement.setString(1, chargePoint.chargePointId());
			statement.setString(2, chargePoint.registrationStatus().name());
			statement.setString(3, (chargePoint.password() != null) ? this.passwordHasher.hash(chargePoint.password())
					: null);
		});
		chargePoints.forEach((chargePoint) -> invalidate(chargePoint.chargePointId()));
		int written = 0;
		for (int[] batch : counts) {
			written += batch.length;
		}
		return written;
	}

	private void invalidate(String chargePointId) {
		if (this.cache != null) {
			this.cache.invalidate(chargePointId);
		}
	}

	/**
	 * A charge point to provision.
	 * @param chargePointId the identity
	 * @param registrationStatus what BootNotification answers
	 * @param password its Basic-auth password, or null for none
	 */
	public record ChargePointProvisioning(String chargePointId, RegistrationStatus registrationStatus,
			@Nullable String password) {
	}

}
