/**
 * The charger fleet: {@link dev.chargestorm.fleet.Fleet#start(FleetSettings, dev.chargestorm.fleet.metrics.FleetListener...)}
 * runs thousands of simulated OCPP 1.6J chargers in this process; {@code dev.chargestorm.fleet.process} spreads a
 * larger fleet over child processes.
 */
@NullMarked
package dev.chargestorm.fleet;

import org.jspecify.annotations.NullMarked;
