/**
 * Loading multi-document SLO YAML into the model with file/line/field problems, and writing the model back to YAML.
 */
package dev.chargestorm.steadystate.yaml;
