/**
 * The live run: phases, slicing, abort callback and the finished RunResult.
 */
package dev.chargestorm.steadystate.run;
