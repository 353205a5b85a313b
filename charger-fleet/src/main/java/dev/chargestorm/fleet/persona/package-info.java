/**
 * Charger firmware habits ("personas"): redial strategies, Pending compliance and post-reconnect behaviour, mixed by
 * ratio over a fleet.
 */
@NullMarked
package dev.chargestorm.fleet.persona;

import org.jspecify.annotations.NullMarked;
