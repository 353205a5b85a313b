package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/**
 * A fault was aimed at something the harness did not start (another platform's node, an unknown zone or node): it is
 * refused before anything is changed.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ForeignTargetException extends FaultException {

    private final String target;

    public ForeignTargetException(String fault, String target, String message) {
        super(fault, message, null);
        this.target = target;
    }

    /** @return the refused target */
    public String target() {
        return target;
    }
}
