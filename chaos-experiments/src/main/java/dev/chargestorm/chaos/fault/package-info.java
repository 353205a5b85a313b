/**
 * The fault API: {@link dev.chargestorm.chaos.fault.Faults} injects faults into a
 * {@link dev.chargestorm.chaos.runtime.RunningPlatform} through the official Toxiproxy Java client, the central
 * system's admin endpoints and the Chaos Monkey actuator. Every fault is registered for rollback before it is applied,
 * recorded as a timed {@link dev.chargestorm.chaos.fault.FaultRecord}, and refused on targets the platform did not
 * start.
 */
@NullMarked
package dev.chargestorm.chaos.fault;

import org.jspecify.annotations.NullMarked;
