package dev.chargestorm.sut.ocpp.frame;

/**
 * The CALLERROR codes of OCPP-J 1.6, spelt as the specification spells them (the errata keeps
 * {@code FormationViolation} and {@code OccurenceConstraintViolation} on purpose).
 */
public enum ErrorCode {

	/** The requested action is not known by the receiver. */
	NotImplemented,
	/** The requested action is recognised but not supported by the receiver. */
	NotSupported,
	/** An internal error occurred and the receiver could not process the action. */
	InternalError,
	/** The payload for the action is incomplete. */
	ProtocolError,
	/** A security issue prevented the receiver from completing the action. */
	SecurityError,
	/** The payload is syntactically incorrect or does not conform to the PDU structure. */
	FormationViolation,
	/** At least one field contains an invalid value. */
	PropertyConstraintViolation,
	/** At least one field violates occurrence constraints. */
	OccurenceConstraintViolation,
	/** At least one field violates data type constraints. */
	TypeConstraintViolation,
	/** Any other error. */
	GenericError

}
