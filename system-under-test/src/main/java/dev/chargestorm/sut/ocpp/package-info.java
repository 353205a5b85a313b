/**
 * OCPP-J 1.6 transport: WebSocket handshake, connections, incoming and outgoing CALLs.
 */
@NullMarked
package dev.chargestorm.sut.ocpp;

import org.jspecify.annotations.NullMarked;
