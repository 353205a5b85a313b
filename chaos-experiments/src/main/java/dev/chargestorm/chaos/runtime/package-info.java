/**
 * The runtime SPI: a {@link dev.chargestorm.chaos.runtime.PlatformRuntime} starts a
 * {@link dev.chargestorm.chaos.topology.Topology} and hands back a
 * {@link dev.chargestorm.chaos.runtime.RunningPlatform}: endpoints (URIs), one Toxiproxy proxy per link and
 * {@link dev.chargestorm.chaos.runtime.NodeHandle}s. Experiments and faults see only these, never processes or
 * containers, so the embedded runtime (child processes) and a Testcontainers runtime are interchangeable.
 */
@NullMarked
package dev.chargestorm.chaos.runtime;

import org.jspecify.annotations.NullMarked;
