package dev.chargestorm.fleet.persona;

import java.util.ArrayList;
import java.util.List;

/**
 * A charger's firmware habits: how it redials, whether it honours BootNotification Pending, and what it sends after a
 * reconnect.
 *
 * @param reconnect the redial strategy
 * @param ignoresPending non-compliant: treats Pending as Accepted and sends its normal traffic at once
 * @param postConnect what it sends after a reconnect
 * @param honoursRetryAfter waits at least the Retry-After of a refused handshake (429, 503) before redialling
 * @param reconnectsOnTimeout drops its connection (and redials) when a CALL gets no answer in time
 * @param startsOffline OCPP 1.6 {@code LocalAuthorizeOffline} and {@code AllowOfflineTxForUnknownId} both true: a
 *     driver who presents a card while the charger is offline, or whose Authorize is lost with the connection, starts
 *     charging at once; the StartTransaction waits in the offline queue and the central system's answer to it decides
 *     (a tag it does not accept stops the transaction, {@code DeAuthorized})
 */
public record Persona(ReconnectStrategy reconnect, boolean ignoresPending, PostConnect postConnect,
        boolean honoursRetryAfter, boolean reconnectsOnTimeout, boolean startsOffline) {

    /** Compliant firmware that redials at once. */
    public static Persona immediate() {
        return new Persona(new ReconnectStrategy.Immediate(), false, PostConnect.COMPLIANT, false, false, false);
    }

    /** The persona-string form, e.g. {@code backoff-jitter:1s/60s+boot-every-connect}. */
    public String name() {
        List<String> parts = new ArrayList<>();
        parts.add(reconnect.describe());
        if (ignoresPending) {
            parts.add("ignore-pending");
        }
        switch (postConnect) {
            case BOOT_EVERY_CONNECT -> parts.add("boot-every-connect");
            case STATUS_EVERY_CONNECT -> parts.add("status-every-connect");
            case COMPLIANT -> {
            }
        }
        if (honoursRetryAfter) {
            parts.add("honour-retry-after");
        }
        if (reconnectsOnTimeout) {
            parts.add("reconnect-on-timeout");
        }
        if (startsOffline) {
            parts.add("offline-start");
        }
        return String.join("+", parts);
    }

    @Override
    public String toString() {
        return name();
    }
}
