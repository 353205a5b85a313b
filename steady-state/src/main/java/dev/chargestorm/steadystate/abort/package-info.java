/**
 * Abort rules (guardrails) evaluated at every slice boundary after the first injection.
 */
package dev.chargestorm.steadystate.abort;
