package dev.chargestorm.sut.ocpp.message;

import dev.chargestorm.sut.ocpp.frame.ErrorCode;

/**
 * A payload broke the OCPP schema. Carries the CALLERROR code and the path of the offending
 * property, so that callers neither parse messages nor guess codes.
 */
public class PayloadViolationException extends RuntimeException {

	private final ErrorCode errorCode;

	private final String property;

	public PayloadViolationException(ErrorCode errorCode, String property, String description) {
		super(description);
		this.errorCode = errorCode;
		this.property = property;
	}

	/** @return the CALLERROR code this violation is answered with */
	public ErrorCode errorCode() {
		return this.errorCode;
	}

	/** @return the path of the offending property, such as {@code meterValue[0].timestamp}; empty for the root */
	public String property() {
		return this.property;
	}

}
