package dev.chargestorm.chaos.experiments;

import dev.chargestorm.chaos.fault.FaultException;
import dev.chargestorm.chaos.junit.Experiment;
import dev.chargestorm.steadystate.run.RunResult;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known-bad control of an experiment (a naive deploy) may break the platform so badly that the fault itself
 * cannot finish: a restarted node that the storm keeps from becoming healthy (measured at 5,000 chargers in CI and at
 * 30,000 on 2026-12-03). The run then ends {@code ERRORED}, and what it measured until then is still the control's
 * verdict.
 */
final class KnownBadControl {

    private static final Logger LOG = LoggerFactory.getLogger(KnownBadControl.class);

    /**
     * @param injection runs the control through {@link Experiment#inject}
     * @return the run's result, also when the fault gave up
     * @throws FaultException when the fault gave up before the run had a result (the baseline never ended)
     */
    static RunResult resultOf(Experiment experiment, Callable<RunResult> injection) throws Exception {
        try {
            return injection.call();
        } catch (FaultException gaveUp) {
            LOG.warn("the known-bad control {} could not finish its fault: {}", experiment.name(),
                    gaveUp.getMessage());
            return experiment.result().orElseThrow(() -> gaveUp);
        }
    }

    private KnownBadControl() {
    }
}
