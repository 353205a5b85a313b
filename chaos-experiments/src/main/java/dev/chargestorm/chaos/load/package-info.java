/**
 * The search load driver: {@link dev.chargestorm.chaos.load.SearchLoad} calls the platform's search API open-loop at
 * a fixed rate, measures each call from its intended send time (corrected for coordinated omission) and feeds the
 * steady-state recorders {@code search.request}, {@code search.requests} and {@code search.errors}.
 */
@NullMarked
package dev.chargestorm.chaos.load;

import org.jspecify.annotations.NullMarked;
