package dev.chargestorm.chaos.junit;

import dev.chargestorm.chaos.runtime.ProxyPlacement;
import dev.chargestorm.chaos.topology.Topology;
import dev.chargestorm.chaos.topology.Zone;
import dev.chargestorm.fleet.Fleet;
import java.lang.management.ManagementFactory;
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
                        + " about " + (RESERVE + 2 * busiest) + " open files (" + busiest + " chargers, its own and its"
                        + " share of a drained zone's, 2 sockets each) but a process may hold " + openFiles
                        + "; spread the " + chargers + " chargers over more zones");
            }
        }
        return new Placement(processes, placement);
    }

    /**
     * Chargers of the busiest zone while another zone is deployed: its own share (by central-system nodes) plus its
     * part of the drained zone's, which spread over the other zones.
     */
    static long busiestZoneDuringADeploy(Topology topology) {
        int nodes = topology.zones().stream().mapToInt(Zone::csmsNodes).sum();
        int busiest = topology.zones().stream().mapToInt(Zone::csmsNodes).max().orElse(0);
        if (nodes == busiest) {
            return topology.chargers();
        }
        // zones of equal size: the busiest zone's own chargers, plus its part of an equally large drained zone's
        double own = (double) topology.chargers() * busiest / nodes;
        return (long) Math.ceil(own + own * busiest / (nodes - busiest));
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
