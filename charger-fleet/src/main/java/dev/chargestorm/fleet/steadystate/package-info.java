/**
 * The adapter from the fleet's client-side truth to the steady-state module's in-process recorders (needs
 * {@code chargestorm-steady-state} on the class path; the dependency is optional).
 */
@NullMarked
package dev.chargestorm.fleet.steadystate;

import org.jspecify.annotations.NullMarked;
