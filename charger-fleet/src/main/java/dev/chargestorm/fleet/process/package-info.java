/**
 * A fleet larger than one process may hold, spread over child JVMs that report progress and summaries to the parent.
 */
@NullMarked
package dev.chargestorm.fleet.process;

import org.jspecify.annotations.NullMarked;
