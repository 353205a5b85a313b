package dev.chargestorm.sut.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a driver asks for: the OCPP connector statuses, as the search reports them. A connector
 * counts as {@code available} when its latest status is Available; {@code charging} when it is
 * Preparing, Charging, SuspendedEV, SuspendedEVSE or Finishing; {@code unavailable} when it is
 * Unavailable, Faulted or Reserved, or when the connector never reported a status.
 */
enum StatusFilter {

	AVAILABLE("cs.status = 'Available'"),
	CHARGING("cs.status IN ('Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing')"),
	UNAVAILABLE("(cs.status IS NULL OR cs.status IN ('Unavailable', 'Faulted', 'Reserved'))"),
	ANY("TRUE");

	/** The SQL expression mapping {@code cs.status} (OCPP) to the API's status names. */
	static final String SQL_STATUS = "CASE WHEN cs.status = 'Available' THEN 'available'"
			+ " WHEN cs.status IN ('Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing') THEN 'charging'"
			+ " ELSE 'unavailable' END";

	private final String sqlCondition;

	StatusFilter(String sqlCondition) {
		this.sqlCondition = sqlCondition;
	}

	String sqlCondition() {
		return this.sqlCondition;
	}

	String parameterValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<StatusFilter> named(String value) {
		return Arrays.stream(values()).filter((status) -> status.parameterValue().equals(value.toLowerCase(Locale.ROOT))).findFirst();
	}

}
