package dev.chargestorm.fleet.persona;

/** What a charger sends right after it reconnects (the first connection always boots). */
public enum PostConnect {
    /** OCPP-J 1.6 section 5.4: nothing; BootNotification only after a (simulated) reboot. */
    COMPLIANT,
    /** BootNotification on every connection (common firmware, and what made the original incident hurt). */
    BOOT_EVERY_CONNECT,
    /** StatusNotification for connector 0 and every connector after each reconnect (EVerest libocpp 1.6). */
    STATUS_EVERY_CONNECT
}
