package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A fault could not be applied or rolled back; {@link #fault()} names it. */
@API(status = API.Status.EXPERIMENTAL)
public class FaultException extends RuntimeException {

    private final String fault;

    public FaultException(String fault, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    /** @return the fault's name, or the requested kind when it was refused before it got one */
    public String fault() {
        return fault;
    }
}
