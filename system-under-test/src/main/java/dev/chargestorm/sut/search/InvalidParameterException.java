package dev.chargestorm.sut.search;

import org.jspecify.annotations.Nullable;

/** A search parameter breaks a rule; answered with 400 and a problem naming both. */
final class InvalidParameterException extends RuntimeException {

	private final String parameter;

	private final String rule;

	private final @Nullable String value;

	InvalidParameterException(String parameter, String rule, @Nullable String value) {
		super("Parameter '" + parameter + "' " + rule + ((value != null) ? " but was '" + value + "'" : ""));
		this.parameter = parameter;
		this.rule = rule;
		this.value = value;
	}

	String parameter() {
		return this.parameter;
	}

	String rule() {
		return this.rule;
	}

	@Nullable String value() {
		return this.value;
	}

}
