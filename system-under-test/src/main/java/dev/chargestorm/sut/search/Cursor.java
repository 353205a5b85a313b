package dev.chargestorm.sut.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the last spot's distance key and id (keyset pagination on
 * {@code (distance, id)}), bound to the query that produced it by the query's fingerprint. Sent
 * to clients as opaque URL-safe Base64.
 *
 * @param fingerprint the query's {@link SpotQuery#fingerprint()}
 * @param distanceKey the last spot's ordering key (straight-line distance through the earth, in
 * metres, exactly as the database computed it)
 * @param spotId the last spot's id
 */
record Cursor(long fingerprint, double distanceKey, String spotId) {

	private static final byte VERSION = 1;

	String encode() {
		byte[] id = this.spotId.getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 8 + id.length)
			.put(VERSION)
			.putLong(this.fingerprint)
			.putDouble(this.distanceKey)
			.put(id);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * @param text a cursor as sent to a client
	 * @param fingerprint the fingerprint of the query it is used with
	 * @return the cursor
	 * @throws InvalidParameterException when it is not a cursor this API issued, or was issued for
	 * another query
	 */
	static Cursor decode(String text, long fingerprint) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw notACursor(text);
		}
		if (bytes.length < 18 || bytes.length > 17 + 64 || bytes[0] != VERSION) {
			throw notACursor(text);
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
		long issuedFor = buffer.getLong();
		double distanceKey = buffer.getDouble();
		String spotId = new String(bytes, 17, bytes.length - 17, StandardCharsets.UTF_8);
		if (!Double.isFinite(distanceKey) || distanceKey < 0) {
			throw notACursor(text);
		}
		if (issuedFor != fingerprint) {
			throw new InvalidParameterException("cursor",
					"must come from a search with the same lat, lng, radiusKm, status, connectorType and minPowerKw;"
							+ " start again without a cursor to change them",
					text);
		}
		return new Cursor(issuedFor, distanceKey, spotId);
	}

	private static InvalidParameterException notACursor(String text) {
		return new InvalidParameterException("cursor", "must be a nextCursor value returned by this API", text);
	}

}
