package dev.chargestorm.sut.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A validated search: {@code GET /api/spots?lat=&lng=&radiusKm=&status=&connectorType=&minPowerKw=&limit=&cursor=}.
 *
 * @param lat latitude of the searcher, degrees
 * @param lng longitude of the searcher, degrees
 * @param radiusKm how far to look
 * @param status which connector status a spot must have at least one connector in
 * @param connectorType the plug a matching connector must have, or any
 * @param minPowerKw the power a matching connector must have at least, or any
 * @param limit spots per page
 * @param cursor where the previous page ended, or null for the first page
 */
record SpotQuery(double lat, double lng, double radiusKm, StatusFilter status, @Nullable ConnectorType connectorType,
		@Nullable Double minPowerKw, int limit, @Nullable Cursor cursor) {

	static final double DEFAULT_RADIUS_KM = 5;

	static final double MAX_RADIUS_KM = 100;

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	/** Plain decimal numbers only: no exponents, hexadecimal, NaN, Infinity or type suffixes. */
	private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,12}(\\.[0-9]{1,15})?");

	static final Set<String> PARAMETERS = new TreeSet<>(
			List.of("lat", "lng", "radiusKm", "status", "connectorType", "minPowerKw", "limit", "cursor"));

	/**
	 * Parses and checks the query parameters.
	 * @param parameters the request's parameters
	 * @return the query
	 * @throws InvalidParameterException naming the first parameter that breaks a rule, and the rule
	 */
	static SpotQuery parse(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (!PARAMETERS.contains(parameter.getKey())) {
				throw new InvalidParameterException(parameter.getKey(), "is not a search parameter; use " + PARAMETERS,
						null);
			}
			if (parameter.getValue().length > 1) {
				throw new InvalidParameterException(parameter.getKey(), "must be given at most once",
						String.join(",", parameter.getValue()));
			}
		}
		double lat = number(parameters, "lat", -90, 90, "must be a latitude between -90 and 90", null);
		double lng = number(parameters, "lng", -180, 180, "must be a longitude between -180 and 180", null);
		double radiusKm = number(parameters, "radiusKm", 0, MAX_RADIUS_KM,
				"must be a distance in km greater than 0 and at most " + (int) MAX_RADIUS_KM, DEFAULT_RADIUS_KM);
		if (radiusKm <= 0) {
			throw new InvalidParameterException("radiusKm",
					"must be a distance in km greater than 0 and at most " + (int) MAX_RADIUS_KM, value(parameters, "radiusKm"));
		}
		String statusText = value(parameters, "status");
		StatusFilter status = (statusText == null) ? StatusFilter.ANY : StatusFilter.named(statusText)
			.orElseThrow(() -> new InvalidParameterException("status",
					"must be one of available, charging, unavailable, any", statusText));
		String typeText = value(parameters, "connectorType");
		ConnectorType connectorType = (typeText == null) ? null : ConnectorType.named(typeText)
			.orElseThrow(() -> new InvalidParameterException("connectorType",
					"must be one of " + Arrays.toString(ConnectorType.values()), typeText));
		Double minPowerKw = (value(parameters, "minPowerKw") == null) ? null
				: number(parameters, "minPowerKw", 0, 1000, "must be a power in kW between 0 and 1000", null);
		double limit = number(parameters, "limit", 1, MAX_LIMIT, "must be a whole number from 1 to " + MAX_LIMIT,
				(double) DEFAULT_LIMIT);
		if (limit != Math.rint(limit)) {
			throw new InvalidParameterException("limit", "must be a whole number from 1 to " + MAX_LIMIT,
					value(parameters, "limit"));
		}
		SpotQuery query = new SpotQuery(lat, lng, radiusKm, status, connectorType, minPowerKw, (int) limit, null);
		String cursorText = value(parameters, "cursor");
		return (cursorText == null) ? query : query.withCursor(Cursor.decode(cursorText, query.fingerprint()));
	}

	SpotQuery withCursor(@Nullable Cursor next) {
		return new SpotQuery(this.lat, this.lng, this.radiusKm, this.status, this.connectorType, this.minPowerKw,
				this.limit, next);
	}

	/** @return a hash of what selects and orders the spots (not the page size or position) */
	long fingerprint() {
		String selection = this.lat + "|" + this.lng + "|" + this.radiusKm + "|" + this.status + "|"
				+ this.connectorType + "|" + this.minPowerKw;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(selection.getBytes(StandardCharsets.UTF_8));
			long hash = 0;
			for (int i = 0; i < 8; i++) {
				hash = (hash << 8) | (digest[i] & 0xff);
			}
			return hash;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	/** @return a key that is equal for equal queries, for the degraded-mode cache */
	String cacheKey() {
		return fingerprint() + "|" + this.limit + "|" + ((this.cursor != null) ? this.cursor.encode() : "");
	}

	private static double number(Map<String, String[]> parameters, String name, double min, double max, String rule,
			@Nullable Double defaultValue) {
		String text = value(parameters, name);
		if (text == null) {
			if (defaultValue == null) {
				throw new InvalidParameterException(name, "is required and " + rule, null);
			}
			return defaultValue;
		}
		if (!DECIMAL.matcher(text).matches()) {
			throw new InvalidParameterException(name, rule, text);
		}
		double number = Double.parseDouble(text);
		if (number < min || number > max) {
			throw new InvalidParameterException(name, rule, text);
		}
		return number;
	}

	private static @Nullable String value(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return (values == null || values.length == 0 || values[0].isBlank()) ? null : values[0];
	}

}
