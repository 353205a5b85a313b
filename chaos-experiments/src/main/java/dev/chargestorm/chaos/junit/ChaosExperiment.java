package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.runtime.ProxyPlacement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method as a chaos experiment. Before the method runs the extension starts the platform of
 * {@link #topology()} (embedded runtime, seeded with {@link #spots()} charging spots), a charger fleet of the topology's
 * size against {@code platform.chargerEndpoints()}, the open-loop search load at the topology's rate, the fault API
 * wired to a {@code SteadyStateRun} of {@link #steadyState()}, and waits until the fleet is Accepted. The method
 * receives any of {@link Experiment}, {@code RunningPlatform}, {@code Topology}, {@code Faults}, {@code Fleet} (or
 * {@code FleetProcesses} when the fleet runs in child processes, see {@link #fleetProcesses()}), {@code SearchLoad},
 * {@code SteadyStateRun}, {@code InProcessSource} as parameters and calls
 * {@link Experiment#inject} once. Afterwards, also on failure or timeout, everything is stopped and the report
 * ({@code journal.json}, {@code report.html}, {@code summary.md}, {@code junit/TEST-steady-state.xml}, node logs,
 * {@code faults.json}) is in {@code target/chaos-reports/<name>/}.
 *
 * <p>The run's invariants may use the probe {@code db.persisted-messages} (the
 * {@link dev.chargestorm.chaos.ledger.TransactionLedger} of the platform's database), which the extension registers,
 * against the fleet's id set {@code fleet.confirmed-messages}: the platform's {@code zero-lost-transactions}.
 *
 * <p>The seed ({@link #seed()}, or {@code -Dchargestorm.seed=N} to replay) decides the fleet, the search queries, the
 * dataset and Toxiproxy's rolls; it is logged and published as a report entry.
 */
@API(status = API.Status.EXPERIMENTAL)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(ChaosExperimentExtension.class)
public @interface ChaosExperiment {

    /** Report folder name; the method name when empty. */
    String name() default "";

    /** The {@code SteadyState} to judge against. */
    String steadyState() default "charging-platform";

    /**
     * Steady-state YAML files, relative to the module directory (or the reactor root); loaded together, so a
     * steady state may use the platform's SLOs. Ignored when {@link #declarations()} is set.
     */
    String[] sloFiles() default {"../steady-state/slo/charging-platform.yaml"};

    /** Name of a static no-argument method of the test class returning steady-state {@code Declarations} (DSL). */
    String declarations() default "";

    /** Name of a static no-argument method of the test class returning the {@code Topology}; three zones if empty. */
    String topology() default "";

    /** Abort policy of the steady-state declarations to apply; none when empty. */
    String abortPolicy() default "";

    /** The run's seed, unless {@code -Dchargestorm.seed} is given. */
    long seed() default 42;

    /** Charging spots seeded at start (their charge points and id tags are what the fleet uses). */
    int spots() default 2_000;

    /** The fleet's persona mix ({@code charger-fleet} syntax). */
    String personas() default "backoff-jitter";

    /** Mean time between driver sessions per charger, in seconds; 0 for no sessions. */
    int sessionEverySeconds() default 60;

    /** Charger connections opened per second while the fleet starts. */
    int fleetRampPerSecond() default 200;

    /**
     * How chargers redial until they are first Accepted ({@code charger-fleet} redial syntax, e.g.
     * {@code backoff-jitter:1s/60s}); empty (default) for their persona's own strategy. A large fleet of the
     * {@code immediate} persona ramped onto a few nodes turns its own start into a storm the platform never leaves;
     * with this it starts politely and is {@code immediate} by the time the fault comes.
     */
    String rampRedial() default "";

    /**
     * Bound on the fleet's start, in seconds until every charger is Accepted; 0 (default) for
     * {@code 120 + 3 * chargers / fleetRampPerSecond}. Benchmarks on a busy machine need more: the nodes, not the
     * ramp, set the pace of first boots.
     */
    int fleetReadySeconds() default 0;

    /**
     * Seconds of search load before the run starts (while the fleet connects), not recorded: fresh node JVMs are
     * slow at first, and that is start-up, not the steady state.
     */
    int warmUpSeconds() default 15;

    /**
     * Extra {@code --key=value} options for every node of the system under test, after the extension's own (seeding,
     * pool timeouts), for example {@code "--chargestorm.ocpp.ping-interval=5s"}.
     */
    String[] nodeProperties() default {};

    /**
     * JVM options of every central-system and API node instead of the runtime's defaults (the embedded runtime's are
     * sized for small test topologies, 384 MB of heap); a node holding thousands of chargers needs about 62 KB of heap
     * per connection, so give large fleets a larger heap, like {@code {"-Xmx768m", "-XX:+UseSerialGC"}}.
     */
    String[] nodeJvmOptions() default {};

    /**
     * Processes of the charger fleet: 0 (default) decides from the topology, one process per
     * {@code Fleet.MAX_PER_PROCESS} (15,000) chargers; 1 runs it in the test JVM; more run it in that many child JVMs
     * ({@code FleetProcesses}, their stderr in {@code logs/fleet-<i>.log}), which feed the steady state live. A method
     * with a multi-process fleet cannot take a {@code Fleet} parameter; it may take {@code FleetProcesses}.
     */
    int fleetProcesses() default 0;

    /**
     * Where the proxies run: {@code AUTO} (default) keeps them in the test JVM while the chargers' sockets fit into
     * its open-file limit (2 per proxied charger, 1 more per charger of a fleet in the test JVM, plus a reserve of
     * 1,000) and runs one proxy process per zone otherwise; or {@code SHARED} / {@code PROCESS_PER_ZONE}. A placement
     * that cannot fit fails before anything starts, saying what would.
     */
    ProxyPlacement proxies() default ProxyPlacement.AUTO;

    /** Whether the hypothesis must hold or the experiment is a known-bad control. */
    Expectation expect() default Expectation.HOLDS;
}
