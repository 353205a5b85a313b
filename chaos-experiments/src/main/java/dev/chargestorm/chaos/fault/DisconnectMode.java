package dev.chargestorm.chaos.fault;

import org.apiguardian.api.API;

/** How {@link Faults#massDisconnect} drops connections (the central system's {@code /admin/disconnect} modes). */
@API(status = API.Status.EXPERIMENTAL)
public enum DisconnectMode {

    /** A WebSocket close frame. */
    CLEAN,

    /** The TCP connection without a close frame: 1006 at the charger. */
    ABRUPT
}
