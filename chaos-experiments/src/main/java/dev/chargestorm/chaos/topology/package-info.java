/**
 * What platform an experiment runs against: zones, central-system and API nodes per zone, the SUT profile and the
 * load sizes, and the links (one Toxiproxy proxy each) that faults act on. Values only; runtimes start them.
 */
@NullMarked
package dev.chargestorm.chaos.topology;

import org.jspecify.annotations.NullMarked;
