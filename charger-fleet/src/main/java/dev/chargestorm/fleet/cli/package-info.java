/**
 * The {@code chargestorm fleet} command line: one process, or a parent with child processes.
 */
@NullMarked
package dev.chargestorm.fleet.cli;

import org.jspecify.annotations.NullMarked;
