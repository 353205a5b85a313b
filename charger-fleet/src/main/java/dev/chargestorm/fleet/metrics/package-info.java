/**
 * Client-side truth: counters, gauges, HdrHistograms, recoveries after disruptions, acknowledged transaction message
 * ids, progress snapshots and the JSON summary.
 */
@NullMarked
package dev.chargestorm.fleet.metrics;

import org.jspecify.annotations.NullMarked;
