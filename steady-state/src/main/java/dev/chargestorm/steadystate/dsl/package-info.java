/**
 * The fluent Java DSL: immutable steps that build the same model as the YAML files.
 */
package dev.chargestorm.steadystate.dsl;
