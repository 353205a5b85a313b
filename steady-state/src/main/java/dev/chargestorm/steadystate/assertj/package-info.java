/**
 * AssertJ assertions on a finished run, with failure messages that show the measured numbers against the objective.
 */
package dev.chargestorm.steadystate.assertj;
