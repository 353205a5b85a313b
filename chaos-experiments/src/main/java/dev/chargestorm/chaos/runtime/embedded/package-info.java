/**
 * The embedded runtime, the default: no Docker. PostgreSQL from the zonky embedded binaries, toxiproxy-embedded (in
 * this JVM or one child process per zone), and every node of the system under test as a child JVM of the packaged
 * jar. Every child runs under a {@link dev.chargestorm.chaos.runtime.embedded.Watchdog} that ends it when the harness
 * JVM dies, so no process or port outlives a run, even after {@code kill -9} of the harness.
 */
@NullMarked
package dev.chargestorm.chaos.runtime.embedded;

import org.jspecify.annotations.NullMarked;
