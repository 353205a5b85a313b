/**
 * Proxies: the registry with Toxiproxy's create / update / populate / reset semantics
 * ({@link dev.chargestorm.toxiproxy.proxy.ProxyCollection}), and one Netty TCP listener per enabled proxy built the
 * HexDumpProxy way: {@code AUTO_READ=false}, read the next chunk only when the toxic chain and the destination have
 * room, the upstream connection on the client's event loop, no half-close.
 */
@NullMarked
package dev.chargestorm.toxiproxy.proxy;

import org.jspecify.annotations.NullMarked;
