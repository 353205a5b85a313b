package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.runtime.ProxyPlacement;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.fleet.Fleet;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Where an experiment's fleet and proxies run, decided before anything starts, because one process may hold only so
 * many open files (20,000 on the machines ChargeStorm is built on): a charger is one socket in its fleet process and
 * two in the proxy of its link.
 *
 * @param fleetProcesses 0 for no fleet, 1 for a fleet in the test JVM, more for that many child JVMs
 * @param proxies        {@link ProxyPlacement#SHARED} (in the test JVM) or {@link ProxyPlacement#PROCESS_PER_ZONE}
 */
record Placement(int fleetProcesses, ProxyPlacement proxies) {

    /** Files a process holds besides chargers: jars, PostgreSQL and HTTP clients, the search load, epoll, logs. */
    static final int RESERVE = 1_000;

    /**
     * @param fleetProcesses the annotation's value: 0 to decide from the topology
     * @param proxies        the annotation's value: {@link ProxyPlacement#AUTO} to decide from the topology
     * @param openFiles      the open-file limit of a process (children inherit the test JVM's)
     * @throws ExtensionConfigurationException when the choice cannot work, saying what would
     */
    static Placement of(String experiment, Topology topology, int fleetProcesses, ProxyPlacement proxies,
                        long openFiles) {
        int chargers = topology.chargers();
        if (fleetProcesses < 0) {
            throw new ExtensionConfigurationException("@ChaosExperiment(fleetProcesses) of " + experiment + " must be 0"
                    + " (decided from the topology) or more but was " + fleetProcesses);
        }
        int processes = fleetProcesses > 0 ? fleetProcesses : ceilDiv(chargers, Fleet.MAX_PER_PROCESS);
        if (chargers == 0) {
            processes = 0;
        } else if (ceilDiv(chargers, processes) > Fleet.MAX_PER_PROCESS || processes > chargers) {
            throw new ExtensionConfigurationException("@ChaosExperiment(fleetProcesses = " + fleetProcesses + ") of "
                    + experiment + ": " + chargers + " chargers need between " + ceilDiv(chargers,
                    Fleet.MAX_PER_PROCESS) + " and " + chargers + " processes (at most " + Fleet.MAX_PER_PROCESS
                    + " chargers each)");
        }
        long harnessFleet = processes == 1 ? chargers : 0;
        long sharedProxy = 2L * chargers;
        ProxyPlacement placement = proxies;
        if (placement == ProxyPlacement.AUTO) {
            placement = RESERVE + harnessFleet + sharedProxy <= openFiles ? ProxyPlacement.SHARED
                    : ProxyPlacement.PROCESS_PER_ZONE;
        }
        if (placement == ProxyPlacement.SHARED && RESERVE + harnessFleet + sharedProxy > openFiles) {
            throw new ExtensionConfigurationException(experiment + ": " + chargers + " chargers through proxies in the"
                    + " test JVM need about " + (RESERVE + harnessFleet + sharedProxy) + " open files (2 per charger"
                    + (harnessFleet > 0 ? " in the proxy, 1 in the fleet" : " in the proxy") + ") but a process may"
                    + " hold " + openFiles + "; use proxies = PROCESS_PER_ZONE (or AUTO)");
        }
        if (placement == ProxyPlacement.PROCESS_PER_ZONE) {
            long busiest = busiestZoneDuringADeploy(topology);
            if (RESERVE + 2 * busiest > openFiles) {
                throw new ExtensionConfigurationException(experiment + ": the busiest zone's proxy process would hold"
                        + " about " + (RESERVE + 2 * busiest) + " open files (" + busiest + " chargers, its own and what"
                        + " the zones drained before it sent it, 2 sockets each) but a process may hold " + openFiles
                        + "; spread the " + chargers + " chargers over more zones");
            }
        }
        return new Placement(processes, placement);
    }

    /**
     * Chargers of the busiest zone during a rolling deploy over every zone. Chargers dial one URL a zone, picked at
     * random, so they start evenly spread, and a drained zone's chargers spread evenly over the other zones; the
     * zones deployed last collect what every earlier drain sent them (measured 2026-12-03 with six zones of 5,000:
     * 9,944 chargers on the fifth zone, and its proxy process ran out of open files). For six zones the busiest holds
     * about 2.5 times its start.
     */
    static long busiestZoneDuringADeploy(Topology topology) {
        int zones = topology.zones().size();
        if (zones <= 1) {
            return topology.chargers();
        }
        double[] chargers = new double[zones];
        Arrays.fill(chargers, (double) topology.chargers() / zones);
        double busiest = chargers[0];
        for (int drained = 0; drained < zones; drained++) {
            double moved = chargers[drained];
            chargers[drained] = 0;
            for (int zone = 0; zone < zones; zone++) {
                if (zone != drained) {
                    chargers[zone] += moved / (zones - 1);
                    busiest = Math.max(busiest, chargers[zone]);
                }
            }
        }
        return (long) Math.ceil(busiest);
    }

    /** The open-file limit of this process (children inherit it), or 20,000 when the JVM cannot tell. */
    static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 20_000;
    }

    boolean fleetInChildProcesses() {
        return fleetProcesses > 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
