package dev.chargestorm.sut.chargepoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Salted PBKDF2 hashes of charge-point passwords (security profile 1), verified through a cache:
 * the slow hash runs once per charge point and password, after which a reconnect costs one HMAC.
 * Without the cache a reconnect storm becomes CPU-bound, as it did for servers that ran BCrypt
 * on every handshake.
 */
@Component
public class PasswordHasher {

	private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

	private static final int ITERATIONS = 120_000;

	private final SecureRandom random = new SecureRandom();

	private final byte[] cacheKey = new byte[32];

	/** HMAC of the last password verified per (charge point, stored hash). */
	private final ConcurrentMap<String, byte[]> verified = new ConcurrentHashMap<>();

	public PasswordHasher() {
		this.random.nextBytes(this.cacheKey);
	}

	/**
	 * Hashes a password for storage.
	 * @param password the password
	 * @return {@code pbkdf2$iterations$salt$hash}, Base64
	 */
	public String hash(String password) {
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		return "pbkdf2$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
				+ Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
	}

	/**
	 * Checks a password against a stored hash, using the cache of earlier verifications.
	 * @param chargePointId whose password it is
	 * @param password the password presented
	 * @param storedHash the stored hash
	 * @return whether it matches
	 */
	public boolean matches(String chargePointId, String password, String storedHash) {
		String cacheEntry = chargePointId + '\u0000' + storedHash;
		byte[] presented = hmac(password);
		byte[] known = this.verified.get(cacheEntry);
		if (known != null) {
			return MessageDigest.isEqual(known, presented);
		}
		String[] parts = storedHash.split("\\$");
		if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
			return false;
		}
		byte[] salt = Base64.getDecoder().decode(parts[2]);
		byte[] expected = Base64.getDecoder().decode(parts[3]);
		boolean matches = MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[1])));
		if (matches) {
			this.verified.put(cacheEntry, presented);
		}
		return matches;
	}

	private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
			return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
		}
	}

	private byte[] hmac(String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.cacheKey, "HmacSHA256"));
			return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

}
