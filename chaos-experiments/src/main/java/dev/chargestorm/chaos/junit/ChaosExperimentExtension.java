package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.fault.FaultListener;
import dev.chargestorm.chaos.fault.Faults;
import dev.chargestorm.chaos.ledger.TransactionLedger;
import dev.chargestorm.chaos.load.SearchLoad;
import dev.chargestorm.chaos.load.SearchLoadSettings;
import dev.chargestorm.chaos.runtime.PlatformRuntimeProvider;
import dev.chargestorm.chaos.runtime.ProxyPlacement;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.fleet.Fleet;
import dev.chargestorm.fleet.FleetSettings;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.persona.Personas;
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import dev.chargestorm.fleet.process.FleetProcesses;
import dev.chargestorm.fleet.steadystate.SteadyStateRecorders;
import dev.chargestorm.steadystate.run.SteadyStateRun;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.slo.SteadyState;
import dev.chargestorm.steadystate.yaml.SloFiles;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link ChaosExperiment}: starts platform, fleet, search load, fault API and steady-state run
 * before the method, resolves them as parameters, and afterwards (also when the method failed or timed out) finishes
 * the run, writes the report and stops everything, newest first. Experiments in one JVM run one after another; the
 * extension refuses concurrent execution (each experiment owns the machine).
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ChaosExperimentExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosExperimentExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChaosExperimentExtension.class);
    private static final Set<Class<?>> RESOLVED = Set.of(Experiment.class, RunningPlatform.class, Topology.class,
            Faults.class, Fleet.class, FleetProcesses.class, SearchLoad.class, SteadyStateRun.class,
            InProcessSource.class);
    /** Driver sessions of every experiment fleet, in the test JVM or in child processes ({@link ChildFleet}). */
    static final Duration SESSION_LENGTH = Duration.ofSeconds(40);
    static final Duration METER_INTERVAL = Duration.ofSeconds(15);
    private static final String NO_FLEET = "there is no fleet: the topology has 0 chargers; use withChargers(n)";
    private static final String NO_FLEET_PROCESSES = "there are no fleet processes: the fleet runs in the test JVM;"
            + " take a Fleet parameter, or set @ChaosExperiment(fleetProcesses) above 1";
    private static final String NO_SEARCH_LOAD = "there is no search load: the topology's search rate is 0; use"
            + " withSearchRate(n)";
    private static final Object LOCK = new Object();
    private static boolean running;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ChaosExperiment annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(),
                ChaosExperiment.class).orElseThrow(() -> new ExtensionConfigurationException(
                "ChaosExperimentExtension needs @ChaosExperiment on " + context.getRequiredTestMethod()));
        synchronized (LOCK) {
            if (running) {
                throw new ExtensionConfigurationException("chaos experiments must not run in parallel: each one"
                        + " starts a platform and owns the machine; run them in the same thread");
            }
            running = true;
        }
        Resources resources = new Resources();
        context.getStore(NAMESPACE).put(Resources.class, resources);
        Class<?> testClass = context.getRequiredTestClass();
        String name = annotation.name().isEmpty() ? context.getRequiredTestMethod().getName() : annotation.name();
        long seed = Long.getLong("chargestorm.seed", annotation.seed());
        LOG.info("chaos experiment {}: seed {} (replay with -Dchargestorm.seed={})", name, seed, seed);
        context.publishReportEntry("chargestorm.seed", Long.toString(seed));

        Topology topology = annotation.topology().isEmpty() ? Topology.threeZones()
                : call(testClass, annotation.topology(), Topology.class);
        Declarations declarations = annotation.declarations().isEmpty() ? SloFiles.load(sloFiles(annotation))
                : call(testClass, annotation.declarations(), Declarations.class);
        SteadyState steadyState = declarations.steadyState(annotation.steadyState()).orElseThrow(() ->
                new ExtensionConfigurationException("no SteadyState '" + annotation.steadyState() + "' in the"
                        + " declarations of " + name + "; name one of their SteadyState documents"));

        int idTags = Math.max(annotation.spots(), topology.chargers());
        List<String> nodeProperties = new ArrayList<>(List.of("--chargestorm.seed.spots=" + annotation.spots(),
                "--chargestorm.seed.seed=" + seed, "--chargestorm.seed.id-tags=" + idTags,
                "--spring.datasource.hikari.connection-timeout=5000",
                "--spring.datasource.hikari.validation-timeout=2000"));
        for (String property : annotation.nodeProperties()) {
            if (!property.startsWith("--") || !property.contains("=")) {
                throw new ExtensionConfigurationException("@ChaosExperiment(nodeProperties) of " + name + ": each"
                        + " must look like --key=value but one was '" + property + "'");
            }
            nodeProperties.add(property);
        }
        ReconnectStrategy rampRedial = rampRedial(name, annotation);
        // decided before anything starts: a placement that cannot work, or a parameter it cannot serve, fails now
        Placement placement = Placement.of(name, topology, annotation.fleetProcesses(), annotation.proxies(),
                Placement.openFileLimit());
        checkParameters(context.getRequiredTestMethod(), topology, placement);
        LOG.info("chaos experiment {}: {} chargers in {}, proxies {}", name, topology.chargers(),
                placement.fleetInChildProcesses() ? placement.fleetProcesses() + " fleet processes" : "the test JVM",
                placement.proxies());
        Path runDirectory = Path.of("target", "chaos-reports", name);
        RunningPlatform platform = PlatformRuntimeProvider.named(System.getProperty("chargestorm.runtime", "embedded"))
                .create(seed, nodeProperties, List.of(annotation.nodeJvmOptions()), placement.proxies())
                .start(topology, runDirectory);
        resources.add("platform", platform::close);

        InProcessSource recorders = new InProcessSource(InstantSource.system());
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicReference<@Nullable Faults> faultsRef = new AtomicReference<>();
        SteadyStateRun.Builder builder = SteadyStateRun.builder(declarations, steadyState.name()).runName(name)
                .inProcess(recorders)
                .probe(TransactionLedger.PROBE, TransactionLedger.of(platform.database()))
                .onAbort(decision -> {
                    aborted.countDown();
                    Faults f = faultsRef.get();
                    if (f != null) {
                        f.rollbackAll();
                    }
                });
        if (!annotation.abortPolicy().isEmpty()) {
            builder.abortPolicy(annotation.abortPolicy());
        }
        SteadyStateRun run = builder.build();
        Faults faults = Faults.on(platform, FaultListener.steadyState(run));
        faultsRef.set(faults);
        resources.add("faults", faults::close);

        SearchLoad warmUp = null;
        if (topology.searchRatePerSecond() > 0 && annotation.warmUpSeconds() > 0) {
            // fresh node JVMs answer slowly and with errors at first; that is start-up, not the steady state
            warmUp = SearchLoad.start(SearchLoadSettings.of(platform.apiEndpoints(), topology.searchRatePerSecond())
                    .withMaxDuration(Duration.ofSeconds(annotation.warmUpSeconds())).withSeed(seed + 1),
                    new InProcessSource(InstantSource.system()));
            resources.add("warm-up load", warmUp::close);
        }
        Fleet fleet = null;
        FleetProcesses fleetProcesses = null;
        Duration rampBound = Duration.ofSeconds(annotation.fleetReadySeconds() > 0 ? annotation.fleetReadySeconds()
                : 120 + 3L * topology.chargers() / annotation.fleetRampPerSecond());
        if (placement.fleetInChildProcesses()) {
            fleetProcesses = ChildFleet.start(placement.fleetProcesses(), topology.chargers(),
                    platform.chargerEndpoints().stream().map(u -> u.resolve("/ocpp")).toList(), annotation, seed,
                    idTags, runDirectory, SteadyStateRecorders.feeding(recorders));
            FleetProcesses started = fleetProcesses;
            resources.add("fleet processes", () -> ChildFleet.stop(started));
            ChildFleet.awaitAccepted(fleetProcesses, topology.chargers(), rampBound);
            LOG.info("chaos experiment {}: {} chargers Accepted", name, topology.chargers());
        } else if (topology.chargers() > 0) {
            FleetSettings.Builder fleetSettings = FleetSettings.builder(platform.chargerEndpoints().stream()
                            .map(u -> u.resolve("/ocpp")).toArray(URI[]::new))
                    .chargers(topology.chargers()).rampPerSecond(annotation.fleetRampPerSecond()).seed(seed)
                    .personas(PersonaMix.parse(annotation.personas())).rampRedial(rampRedial).idTags(idTags);
            if (annotation.sessionEverySeconds() > 0) {
                fleetSettings = fleetSettings.sessions(Duration.ofSeconds(annotation.sessionEverySeconds()),
                        SESSION_LENGTH, METER_INTERVAL);
            }
            fleet = Fleet.start(fleetSettings.build(), SteadyStateRecorders.feeding(recorders));
            resources.add("fleet", fleet::close);
            fleet.awaitAccepted(topology.chargers(), rampBound);
            LOG.info("chaos experiment {}: {} chargers Accepted", name, topology.chargers());
        }
        if (warmUp != null) {
            LOG.info("chaos experiment {}: warm-up {}", name, warmUp.done().get(annotation.warmUpSeconds() + 60L,
                    java.util.concurrent.TimeUnit.SECONDS));
        }
        SearchLoad searchLoad = null;
        if (topology.searchRatePerSecond() > 0) {
            searchLoad = SearchLoad.start(SearchLoadSettings.of(platform.apiEndpoints(), topology.searchRatePerSecond())
                    .withMaxDuration(Duration.ofMinutes(30)).withSeed(seed), recorders);
            resources.add("search load", searchLoad::close);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "steady-state-ticker");
            t.setDaemon(true);
            return t;
        });
        resources.add("ticker", ticker::shutdownNow);
        run.start();
        run.tickEvery(ticker);

        Experiment experiment = new Experiment(name, seed, annotation.expect(), declarations, steadyState, platform,
                faults, run, fleet, fleetProcesses, searchLoad, aborted);
        resources.experiment = experiment;
        resources.topology = topology;
        resources.recorders = recorders;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Resources resources = context.getStore(NAMESPACE).remove(Resources.class, Resources.class);
        if (resources == null) {
            return;
        }
        Throwable failure = context.getExecutionException().orElse(null);
        Experiment experiment = resources.experiment;
        List<Throwable> problems = new ArrayList<>();
        try {
            if (experiment != null && !experiment.finished()) {
                if (failure != null) {
                    experiment.run().errored(failure);
                } else {
                    experiment.run().interrupt("the experiment method returned without calling inject(..)");
                }
                experiment.finish();
                if (failure == null) {
                    problems.add(new AssertionError("experiment " + experiment.name() + " never called "
                            + "experiment.inject(fault, hold): nothing was tested\n" + experiment.footer()));
                }
            }
        } catch (RuntimeException e) {
            problems.add(e);
        } finally {
            resources.close(problems);
            synchronized (LOCK) {
                running = false;
            }
        }
        if (!problems.isEmpty()) {
            Throwable first = problems.getFirst();
            problems.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw (Exception) first;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Resources resources = context.getStore(NAMESPACE).get(Resources.class, Resources.class);
        Experiment experiment = resources == null ? null : resources.experiment;
        if (experiment == null) {
            throw new ParameterResolutionException("no running chaos experiment for " + parameter.getParameter()
                    + "; only @ChaosExperiment methods get these parameters");
        }
        Class<?> type = parameter.getParameter().getType();
        Object value;
        if (type == Experiment.class) {
            value = experiment;
        } else if (type == RunningPlatform.class) {
            value = experiment.platform();
        } else if (type == Topology.class) {
            value = resources.topology;
        } else if (type == Faults.class) {
            value = experiment.faults();
        } else if (type == SteadyStateRun.class) {
            value = experiment.run();
        } else if (type == InProcessSource.class) {
            value = resources.recorders;
        } else if (type == Fleet.class) {
            value = experiment.fleet().orElseThrow(() -> new ParameterResolutionException(NO_FLEET));
        } else if (type == FleetProcesses.class) {
            value = experiment.fleetProcesses().orElseThrow(() -> new ParameterResolutionException(
                    NO_FLEET_PROCESSES));
        } else {
            value = experiment.searchLoad().orElseThrow(() -> new ParameterResolutionException(NO_SEARCH_LOAD));
        }
        return value;
    }

    /**
     * Refuses, before the platform starts (minutes on a small machine), a method that could not run its experiment:
     * one without the {@code Experiment} that injects the fault, one asking for load the topology does not have, or
     * one asking for a {@code Fleet} in this JVM when the fleet runs in child processes.
     */
    private static void checkParameters(Method method, Topology topology, Placement placement) {
        List<Class<?>> types = List.of(method.getParameterTypes());
        String problem = null;
        if (!types.contains(Experiment.class)) {
            problem = "must take an Experiment parameter and call experiment.inject(fault, hold) once: without it no"
                    + " fault is injected and nothing is judged";
        } else if (types.contains(Fleet.class) && topology.chargers() == 0) {
            problem = "asks for a Fleet, but " + NO_FLEET;
        } else if (types.contains(Fleet.class) && placement.fleetInChildProcesses()) {
            problem = "asks for a Fleet, but its " + topology.chargers() + " chargers run in "
                    + placement.fleetProcesses() + " child processes (more than " + Fleet.MAX_PER_PROCESS
                    + " per process, or @ChaosExperiment(fleetProcesses) above 1), so there is no Fleet in this JVM"
                    + " to control; take FleetProcesses (or Experiment) instead, or run at most "
                    + Fleet.MAX_PER_PROCESS + " chargers with fleetProcesses = 1";
        } else if (types.contains(FleetProcesses.class) && !placement.fleetInChildProcesses()) {
            problem = "asks for FleetProcesses, but " + NO_FLEET_PROCESSES;
        } else if (types.contains(SearchLoad.class) && topology.searchRatePerSecond() == 0) {
            problem = "asks for a SearchLoad, but " + NO_SEARCH_LOAD;
        }
        if (problem != null) {
            throw new ExtensionConfigurationException("@ChaosExperiment method " + method.getDeclaringClass()
                    .getSimpleName() + "." + method.getName() + "() " + problem + " (nothing was started)");
        }
    }

    private static @Nullable ReconnectStrategy rampRedial(String name, ChaosExperiment annotation) {
        if (annotation.rampRedial().isBlank()) {
            return null;
        }
        try {
            return Personas.parseRedial(annotation.rampRedial());
        } catch (IllegalArgumentException ex) {
            throw new ExtensionConfigurationException("@ChaosExperiment(rampRedial) of " + name + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static List<Path> sloFiles(ChaosExperiment annotation) {
        List<Path> files = new ArrayList<>();
        for (String file : annotation.sloFiles()) {
            Path path = Path.of(file);
            if (!Files.exists(path) && file.startsWith("../") && Files.exists(Path.of(file.substring(3)))) {
                path = Path.of(file.substring(3));
            }
            if (!Files.exists(path)) {
                throw new ExtensionConfigurationException("steady-state file " + path.toAbsolutePath()
                        + " does not exist; sloFiles are relative to the module directory");
            }
            files.add(path);
        }
        return files;
    }

    private static <T> T call(Class<?> testClass, String method, Class<T> type) {
        try {
            Method m = testClass.getDeclaredMethod(method);
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) || !type.isAssignableFrom(m.getReturnType())) {
                throw new ExtensionConfigurationException(testClass.getSimpleName() + "." + method + "() must be "
                        + "static and return " + type.getSimpleName());
            }
            m.setAccessible(true);
            return type.cast(m.invoke(null));
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException("no static method " + method + "() in "
                    + testClass.getName() + " returning " + type.getSimpleName(), e);
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException(testClass.getSimpleName() + "." + method + "() failed", e);
        }
    }

    /** What one experiment started, stopped newest first; closed by afterEach or, as a last resort, by JUnit. */
    private static final class Resources implements ExtensionContext.Store.CloseableResource {

        private final List<Named> started = new ArrayList<>();
        private @Nullable Experiment experiment;
        private @Nullable Topology topology;
        private @Nullable InProcessSource recorders;

        private record Named(String name, Stopper stopper) {
        }

        @FunctionalInterface
        private interface Stopper {
            void stop() throws Exception;
        }

        synchronized void add(String name, Stopper stopper) {
            started.add(new Named(name, stopper));
        }

        synchronized void close(List<Throwable> problems) {
            for (int i = started.size() - 1; i >= 0; i--) {
                Named named = started.get(i);
                try {
                    named.stopper().stop();
                } catch (Exception | Error e) {
                    LOG.warn("stopping the {} failed", named.name(), e);
                    problems.add(e);
                }
            }
            started.clear();
        }

        @Override
        public void close() {
            List<Throwable> problems = new ArrayList<>();
            close(problems);
            synchronized (LOCK) {
                running = false;
            }
        }
    }
}
