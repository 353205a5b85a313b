package dev.chargestorm.sut.ocpp;

import dev.chargestorm.sut.ocpp.frame.ErrorCode;
import org.jspecify.annotations.Nullable;

/** A central-system-initiated CALL did not get a CALLRESULT. */
public class OutboundCallException extends RuntimeException {

	private final Reason reason;

	private final @Nullable ErrorCode errorCode;

	OutboundCallException(Reason reason, @Nullable ErrorCode errorCode, String message) {
		super(message);
		this.reason = reason;
		this.errorCode = errorCode;
	}

	/** @return why the call failed */
	public Reason reason() {
		return this.reason;
	}

	/** @return the charger's CALLERROR code, when it answered with one */
	public @Nullable ErrorCode errorCode() {
		return this.errorCode;
	}

	/** Why a call failed. */
	public enum Reason {

		/** The charger did not answer within the call timeout. */
		TIMEOUT,
		/** The charger answered with a CALLERROR. */
		CALL_ERROR,
		/** The connection closed before the answer came. */
		CONNECTION_CLOSED

	}

}
