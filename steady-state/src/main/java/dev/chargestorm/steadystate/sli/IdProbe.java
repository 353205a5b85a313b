package dev.chargestorm.steadystate.sli;

import java.util.Collection;

/**
 * A Java probe for invariants: returns ids (an id that appears twice is a duplicate). Implementations may query a
 * database; exceptions are reported as a failed check.
 */
@FunctionalInterface
public interface IdProbe {

    Collection<String> ids();
}
