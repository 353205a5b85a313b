package dev.chargestorm.fleet.chargepoint;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.fleet.internal.SettingRules;
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import org.jspecify.annotations.Nullable;

/**
 * What every charger of a fleet does, apart from its persona.
 *
 * @param urls central-system endpoints, one per zone; the charger id is appended as the last path segment
 * @param callTimeout how long a CALL waits for its answer (OCPP-J practice: 30 s)
 * @param handshakeTimeout how long the TCP connect plus WebSocket upgrade may take
 * @param transactionMessageAttempts TransactionMessageAttempts: tries of a transaction message before discarding it
 * @param transactionMessageRetryInterval TransactionMessageRetryInterval: the wait before try n+1 is n times this
 * @param answerLatencyMin shortest time to answer a central-system CALL
 * @param answerLatencyMax longest time to answer a central-system CALL
 * @param sessionEvery mean time between driver sessions per charger (exponentially spread); zero: no local sessions
 * @param sessionDuration mean length of a session (uniform in 0.5x to 1.5x)
 * @param meterValueInterval MeterValueSampleInterval during a session
 * @param idTags how many id tags drivers use ({@code TAG-000001} up)
 * @param rebootTime how long a Reset keeps the charger away
 * @param rampRedial how a charger redials until it is first Accepted, or null for its persona's own strategy: a
 *     harness ramping a whole fleet onto a busy platform would otherwise turn its own start-up into the storm it
 *     means to measure later; from the first Accepted on, the persona decides
 */
public record Behaviour(List<URI> urls, Duration callTimeout, Duration handshakeTimeout, int transactionMessageAttempts,
        Duration transactionMessageRetryInterval, Duration answerLatencyMin, Duration answerLatencyMax,
        Duration sessionEvery, Duration sessionDuration, Duration meterValueInterval, int idTags,
        Duration rebootTime, @Nullable ReconnectStrategy rampRedial) {

    public Behaviour {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one central-system URL is needed, e.g. ws://127.0.0.1:8080/ocpp");
        }
        SettingRules.atLeast("TransactionMessageAttempts", transactionMessageAttempts, 1);
        if (answerLatencyMax.compareTo(answerLatencyMin) < 0) {
            throw new IllegalArgumentException("answer latency max (" + answerLatencyMax + ") is below min ("
                    + answerLatencyMin + ")");
        }
        SettingRules.atLeast("idTags", idTags, 1);
    }
}
