/**
 * Netty WebSocket client transport shared by the whole fleet: one event-loop group, the OCPP subprotocol handshake,
 * loopback source-address spreading and failure classification.
 */
@NullMarked
package dev.chargestorm.fleet.transport;

import org.jspecify.annotations.NullMarked;
