package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.fault.FaultHandle;
import dev.chargestorm.chaos.fault.Faults;
import org.apiguardian.api.API;

/** The fault of an experiment: applied through the fault API, rolled back by the experiment when its time is up. */
@API(status = API.Status.EXPERIMENTAL)
@FunctionalInterface
public interface FaultAction {

    FaultHandle apply(Faults faults) throws Exception;
}
