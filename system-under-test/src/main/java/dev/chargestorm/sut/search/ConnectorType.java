package dev.chargestorm.sut.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Plug standards a connector can have. */
public enum ConnectorType {

	/** DC, Japan's standard. */
	CHAdeMO,
	/** DC combo with the J1772 (Type 1) inlet. */
	CCS1,
	/** DC combo with the Type 2 inlet. */
	CCS2,
	/** AC, SAE J1772: Japan's and North America's AC standard. */
	Type1,
	/** AC, IEC 62196 Type 2 (Mennekes). */
	Type2,
	/** North American Charging Standard (SAE J3400, Tesla). */
	NACS,
	/** China's GB/T (AC or DC). */
	GBT;

	/**
	 * @param name a type name, case-insensitive
	 * @return the type
	 */
	public static Optional<ConnectorType> named(String name) {
		return Arrays.stream(values())
			.filter((type) -> type.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
			.findFirst();
	}

}
