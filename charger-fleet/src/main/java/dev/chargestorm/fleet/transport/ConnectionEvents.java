package dev.chargestorm.fleet.transport;

import io.netty.channel.Channel;

/** What happens to one connection attempt, delivered on the channel's event loop. */
public interface ConnectionEvents {

    /** The WebSocket is open and speaks {@code ocpp1.6}. */
    void opened(Channel channel);

    /**
     * The attempt failed before the WebSocket opened.
     *
     * @param failure what went wrong, classified
     */
    void failed(ConnectFailure failure);

    /** A text message arrived. */
    void text(String text);

    /** The open WebSocket closed, cleanly or not. */
    void closed();
}
