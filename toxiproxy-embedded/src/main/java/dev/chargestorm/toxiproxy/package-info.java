/**
 * An embedded Toxiproxy 2.12 server: {@link dev.chargestorm.toxiproxy.EmbeddedToxiproxy} starts the HTTP API and the
 * proxies inside the JVM, so the official Toxiproxy Java client injects network faults without Docker.
 */
@NullMarked
package dev.chargestorm.toxiproxy;

import org.jspecify.annotations.NullMarked;
