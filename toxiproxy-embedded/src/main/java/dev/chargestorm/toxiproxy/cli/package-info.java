/** The command line: the real server's flags ({@code -host}, {@code -port}, {@code -config}, {@code -seed}, {@code -version}). */
@NullMarked
package dev.chargestorm.toxiproxy.cli;

import org.jspecify.annotations.NullMarked;
