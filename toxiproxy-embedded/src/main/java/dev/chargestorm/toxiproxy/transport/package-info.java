/**
 * The Netty transport every listener and connection uses: native epoll where it loads, NIO otherwise
 * ({@link dev.chargestorm.toxiproxy.transport.Transport}).
 */
@NullMarked
package dev.chargestorm.toxiproxy.transport;

import org.jspecify.annotations.NullMarked;
