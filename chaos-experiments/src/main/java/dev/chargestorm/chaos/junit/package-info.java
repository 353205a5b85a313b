/**
 * The JUnit 5 extension: a method annotated {@link dev.chargestorm.chaos.junit.ChaosExperiment} gets a started
 * platform, its fleet and search load, the fault API and a steady-state run, and drives baseline, fault and recovery
 * through {@link dev.chargestorm.chaos.junit.Experiment}; the extension writes the report and tears everything down.
 */
@NullMarked
package dev.chargestorm.chaos.junit;

import org.jspecify.annotations.NullMarked;
