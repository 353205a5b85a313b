/**
 * The Toxiproxy 2.12 HTTP API over Netty's HTTP codec: routes, status codes, JSON shapes and error texts as the real
 * server has them (field names and integer milliseconds exist only at this JSON boundary).
 */
@NullMarked
package dev.chargestorm.toxiproxy.api;

import org.jspecify.annotations.NullMarked;
