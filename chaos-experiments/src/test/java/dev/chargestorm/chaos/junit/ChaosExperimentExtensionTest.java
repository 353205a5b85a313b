package dev.chargestorm.chaos.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.chargestorm.chaos.load.SearchLoad;
import dev.chargestorm.chaos.runtime.ProxyPlacement;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.steadystate.yaml.SloValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The experiment extension's configuration errors, each raised before anything is started. The nested classes hold
 * experiments with one mistake each, run here with the JUnit engine test kit. They are enabled only while this test
 * runs them, with {@code -Dchargestorm.runtime} naming no runtime: an experiment that got past its checks would fail
 * to find a runtime instead of starting a platform.
 */
class ChaosExperimentExtensionTest {

    private static final String RUNTIME = "chargestorm.runtime";
    private static final String NO_RUNTIME = "none-in-these-tests";

    @Test
    void aTestWithoutTheAnnotationIsRefused() {
        assertThat(onlyFailure(selectClass(WithoutAnnotation.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("ChaosExperimentExtension needs @ChaosExperiment on ")
                .hasMessageEndingWith("$WithoutAnnotation.plainTest()");
    }

    @Test
    void aMissingTopologyMethodIsNamed() {
        assertThat(onlyFailure(mistake("missingTopology")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("no static method noSuchTopology() in " + Mistakes.class.getName() + " returning Topology");
    }

    @Test
    void aTopologyMethodMustBeStaticAndReturnATopology() {
        assertThat(onlyFailure(mistake("instanceTopology")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Mistakes.topologyOfAnInstance() must be static and return Topology");
        assertThat(onlyFailure(mistake("topologyOfAnotherType")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Mistakes.topologyAsText() must be static and return Topology");
    }

    @Test
    void aTopologyMethodThatThrowsIsNamedWithItsCause() {
        assertThat(onlyFailure(mistake("throwingTopology")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Mistakes.topologyThatThrows() failed")
                .rootCause().isInstanceOf(IllegalStateException.class).hasMessage("no zones today");
    }

    @Test
    void aMissingDeclarationsMethodIsNamed() {
        assertThat(onlyFailure(mistake("missingDeclarations")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("no static method noSuchDeclarations() in " + Mistakes.class.getName()
                        + " returning Declarations");
    }

    @Test
    void aMissingSteadyStateFileIsNamedWithWhereItWasLookedFor() {
        assertThat(onlyFailure(mistake("missingSteadyStateFile")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("steady-state file /")
                .hasMessageEndingWith("/src/test/resources/extension/no-such-file.yaml does not exist; sloFiles are"
                        + " relative to the module directory");
    }

    @Test
    void anInvalidSteadyStateFileListsItsProblems() {
        assertThat(onlyFailure(mistake("invalidSteadyStateFile")))
                .isInstanceOf(SloValidationException.class)
                .hasMessageStartingWith("1 problem in SLO declarations:\n"
                        + "src/test/resources/extension/misspelt-kind.yaml:3: ");
    }

    @Test
    void anUnknownSteadyStateIsNamed() {
        assertThat(onlyFailure(mistake("unknownSteadyState")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("no SteadyState 'no-such-steady-state' in the declarations of unknownSteadyState; name one"
                        + " of their SteadyState documents");
    }

    @Test
    void aMethodWithoutAnExperimentParameterIsRefusedBeforeThePlatformStarts() {
        assertThat(onlyFailure(mistake("withoutExperiment")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment method Mistakes.withoutExperiment() must take an Experiment parameter"
                        + " and call experiment.inject(fault, hold) once: without it no fault is injected and nothing"
                        + " is judged (nothing was started)");
    }

    @Test
    void loadTheTopologyDoesNotHaveIsRefusedBeforeThePlatformStarts() {
        assertThat(onlyFailure(mistake("fleetWithoutChargers", Experiment.class, Fleet.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment method Mistakes.fleetWithoutChargers() asks for a Fleet, but there is no"
                        + " fleet: the topology has 0 chargers; use withChargers(n) (nothing was started)");
        assertThat(onlyFailure(mistake("searchLoadWithoutRate", Experiment.class, SearchLoad.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment method Mistakes.searchLoadWithoutRate() asks for a SearchLoad, but"
                        + " there is no search load: the topology's search rate is 0; use withSearchRate(n) (nothing"
                        + " was started)");
    }

    @Test
    void anUnknownRampRedialIsRefusedBeforeThePlatformStarts() {
        assertThat(onlyFailure(mistake("unknownRampRedial")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment(rampRedial) of unknownRampRedial: unknown redial strategy 'politely';"
                        + " expected immediate, fixed[:30s], exponential[:1s/120s], backoff-jitter[:1s/60s] or"
                        + " retry-backoff[:3s/10s/3]");
    }

    @Test
    void aFleetParameterWithAFleetInChildProcessesIsRefusedBeforeAnythingStarts() {
        assertThat(onlyFailure(mistake("fleetOfChildProcesses", Experiment.class, Fleet.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ChaosExperiment method Mistakes.fleetOfChildProcesses() asks for a Fleet, but its 30000"
                        + " chargers run in 2 child processes (more than 15000 per process, or"
                        + " @ChaosExperiment(fleetProcesses) above 1), so there is no Fleet in this JVM to control; take"
                        + " FleetProcesses (or Experiment) instead, or run at most 15000 chargers with fleetProcesses"
                        + " = 1 (nothing was started)");
    }

    @Test
    void aPlacementThatExceedsTheOpenFileLimitSaysWhatWouldFit() {
        assertThat(onlyFailure(mistake("tooFewZones")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("tooFewZones: the busiest zone's proxy process would hold about 46000 open"
                        + " files (22500 chargers, its own and what the zones drained before it sent it, 2 sockets"
                        + " each)")
                .hasMessageEndingWith("; spread the 30000 chargers over more zones");
        assertThat(onlyFailure(mistake("sharedProxiesForTooMany")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("sharedProxiesForTooMany: 12000 chargers through proxies in the test JVM need"
                        + " about 37000 open files (2 per charger in the proxy, 1 in the fleet)")
                .hasMessageEndingWith("; use proxies = PROCESS_PER_ZONE (or AUTO)");
    }

    @Test
    void experimentParametersExistOnlyInsideAnExperiment() {
        assertThat(onlyFailure(selectClass(ExperimentInTheConstructor.class)))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("no running chaos experiment for ")
                .hasMessageEndingWith("; only @ChaosExperiment methods get these parameters");
    }

    @Test
    void aRefusedExperimentDoesNotBlockTheNextOne() {
        // WHEN every experiment with a mistake runs, one after another
        List<Throwable> failures = failures(selectClass(Mistakes.class));
        // THEN each is refused for its own mistake, not because one before seems to be still running
        assertThat(failures).hasSize(15).noneSatisfy(failure -> assertThat(failure)
                .hasMessageContaining("must not run in parallel"));
    }

    @Test
    void anExperimentWithoutMistakesGetsAsFarAsTheRuntime() {
        // the control: the mistakes above were found by their own checks, not by one that refuses everything
        assertThat(onlyFailure(selectClass(NoMistake.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no platform runtime '" + NO_RUNTIME + "' on the class path; available: [");
    }

    private static DiscoverySelector mistake(String method, Class<?>... parameterTypes) {
        return selectMethod(Mistakes.class, method, parameterTypes);
    }

    private static Throwable onlyFailure(DiscoverySelector experiments) {
        List<Throwable> failures = failures(experiments);
        assertThat(failures).as("failures of " + experiments).hasSize(1);
        return failures.getFirst();
    }

    private static List<Throwable> failures(DiscoverySelector experiments) {
        String runtime = System.getProperty(RUNTIME);
        System.setProperty(RUNTIME, NO_RUNTIME);
        Events events;
        try {
            events = EngineTestKit.engine("junit-jupiter").selectors(experiments).execute().testEvents();
        } finally {
            if (runtime == null) {
                System.clearProperty(RUNTIME);
            } else {
                System.setProperty(RUNTIME, runtime);
            }
        }
        assertThat(events.started().count()).as("experiments of " + experiments + " started").isPositive();
        assertThat(events.succeeded().count()).as("experiments of " + experiments + " passed").isZero();
        return events.failed().stream().map(ChaosExperimentExtensionTest::throwable).toList();
    }

    private static Throwable throwable(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @EnabledIfSystemProperty(named = RUNTIME, matches = NO_RUNTIME)
    @ExtendWith(ChaosExperimentExtension.class)
    static class WithoutAnnotation {

        @Test
        void plainTest() {
        }
    }

    @EnabledIfSystemProperty(named = RUNTIME, matches = NO_RUNTIME)
    static class Mistakes {

        Topology topologyOfAnInstance() {
            return Topology.threeZones();
        }

        static String topologyAsText() {
            return "three zones";
        }

        static Topology topologyThatThrows() {
            throw new IllegalStateException("no zones today");
        }

        static Topology thirtyThousandInTenZones() {
            return Topology.of(Zone.of("a"), Zone.of("b"), Zone.of("c"), Zone.of("d"), Zone.of("e"), Zone.of("f"),
                    Zone.of("g"), Zone.of("h"), Zone.of("i"), Zone.of("j")).withChargers(30_000).withSearchRate(0);
        }

        static Topology thirtyThousandInThreeZones() {
            return Topology.of(Zone.of("a"), Zone.of("b"), Zone.of("c")).withChargers(30_000).withSearchRate(0);
        }

        static Topology twelveThousandInTwoZones() {
            return Topology.of(Zone.of("a"), Zone.of("b")).withChargers(12_000).withSearchRate(0);
        }

        @ChaosExperiment(topology = "thirtyThousandInTenZones")
        void fleetOfChildProcesses(Experiment experiment, Fleet fleet) {
        }

        @ChaosExperiment(topology = "thirtyThousandInThreeZones")
        void tooFewZones() {
        }

        @ChaosExperiment(rampRedial = "politely")
        void unknownRampRedial() {
        }

        @ChaosExperiment(topology = "twelveThousandInTwoZones", proxies = ProxyPlacement.SHARED)
        void sharedProxiesForTooMany() {
        }

        @ChaosExperiment(topology = "noSuchTopology")
        void missingTopology() {
        }

        @ChaosExperiment(topology = "topologyOfAnInstance")
        void instanceTopology() {
        }

        @ChaosExperiment(topology = "topologyAsText")
        void topologyOfAnotherType() {
        }

        @ChaosExperiment(topology = "topologyThatThrows")
        void throwingTopology() {
        }

        @ChaosExperiment(declarations = "noSuchDeclarations")
        void missingDeclarations() {
        }

        @ChaosExperiment(sloFiles = "src/test/resources/extension/no-such-file.yaml")
        void missingSteadyStateFile() {
        }

        @ChaosExperiment(sloFiles = "src/test/resources/extension/misspelt-kind.yaml")
        void invalidSteadyStateFile() {
        }

        @ChaosExperiment(steadyState = "no-such-steady-state")
        void unknownSteadyState() {
        }

        static Topology withoutLoad() {
            return Topology.threeZones().withChargers(0).withSearchRate(0);
        }

        @ChaosExperiment
        void withoutExperiment() {
        }

        @ChaosExperiment(topology = "withoutLoad")
        void fleetWithoutChargers(Experiment experiment, Fleet fleet) {
        }

        @ChaosExperiment(topology = "withoutLoad")
        void searchLoadWithoutRate(Experiment experiment, SearchLoad load) {
        }
    }

    @EnabledIfSystemProperty(named = RUNTIME, matches = NO_RUNTIME)
    @ExtendWith(ChaosExperimentExtension.class)
    static class ExperimentInTheConstructor {

        ExperimentInTheConstructor(Experiment experiment) {
        }

        @ChaosExperiment
        void experiment() {
        }
    }

    @EnabledIfSystemProperty(named = RUNTIME, matches = NO_RUNTIME)
    static class NoMistake {

        @ChaosExperiment
        void experiment(Experiment experiment) {
        }
    }
}
