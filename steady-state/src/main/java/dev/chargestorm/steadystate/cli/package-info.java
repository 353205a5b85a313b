/**
 * The slo command line (slo validate).
 */
package dev.chargestorm.steadystate.cli;
