/**
 * SLI sources: in-process recorders fed by the fleet and load drivers, the Prometheus text-format scrape, and Java id probes for invariants.
 */
package dev.chargestorm.steadystate.sli;
