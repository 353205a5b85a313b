/**
 * The fleet as the seed decides it: charger ids, connectors, vendors, personas and per-charger seeds.
 */
@NullMarked
package dev.chargestorm.fleet.plan;

import org.jspecify.annotations.NullMarked;
