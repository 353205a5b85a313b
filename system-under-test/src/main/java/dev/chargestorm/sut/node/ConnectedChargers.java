package dev.chargestorm.sut.node;

/** Counts the chargers connected to this node; the OCPP transport provides it. */
@FunctionalInterface
public interface ConnectedChargers {

	/** @return how many chargers hold an OCPP connection to this node now */
	int connectedChargers();

}
