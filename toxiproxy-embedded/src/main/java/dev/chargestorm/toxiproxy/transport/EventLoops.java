package dev.chargestorm.toxiproxy.transport;

import io.netty.channel.EventLoopGroup;

/**
 * The event loops every listener and connection of one server runs on, with the transport they were made for: a
 * channel must come from the same transport as the loop it is registered with.
 *
 * @param transport the transport of the loops and of every channel on them
 * @param group the loops
 */
public record EventLoops(Transport transport, EventLoopGroup group) {

    /** New loops on the {@linkplain Transport#selected() selected} transport. */
    public static EventLoops start() {
        Transport transport = Transport.selected();
        return new EventLoops(transport, transport.newEventLoopGroup());
    }
}
