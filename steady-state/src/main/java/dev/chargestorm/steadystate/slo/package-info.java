/**
 * The immutable steady-state model: OpenSLO v1 subset (DataSource, SLI, SLO, objectives) and the harness kinds (SteadyState, RecoveryObjective, Invariant, AbortPolicy). Records validated in their compact constructors.
 */
package dev.chargestorm.steadystate.slo;
