package dev.chargestorm.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.chargestorm.fleet.chargepoint.Behaviour;
import dev.chargestorm.fleet.internal.SettingRules;
import dev.chargestorm.fleet.persona.Persona;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Everything a fleet (or one process's share of it) needs. Build it with {@link #builder(URI...)}.
 *
 * @param chargers chargers in this process
 * @param fleetSize chargers in the whole fleet, over all processes (personas are shared out over this many)
 * @param firstIndex index of this process's first charger (1-based)
 * @param rampPerSecond connection starts per second at start-up; 0 starts every charger at once
 * @param seed drives the fleet's composition and every charger's schedule
 * @param personas the persona mix
 * @param idPrefix charger ids are the prefix plus a six-digit index ({@code CP-000001})
 * @param password Basic-auth password ({@code {id}} is replaced by the charger id), or null for none
 * @param threads event-loop threads (0: Netty's default, two per core)
 * @param loopbackSources source addresses used towards a loopback central system (empty: the kernel chooses)
 * @param keepAcknowledgedIds keep every acknowledged transaction message id in memory (for the zero-loss check)
 * @param behaviour what every charger does apart from its persona
 */
public record FleetSettings(int chargers, int fleetSize, int firstIndex, double rampPerSecond, long seed,
        PersonaMix personas, String idPrefix, @Nullable String password, int threads, List<InetAddress> loopbackSources,
        boolean keepAcknowledgedIds, Behaviour behaviour) {

    public FleetSettings {
        SettingRules.atLeast("chargers", chargers, 1);
        if (fleetSize < firstIndex + chargers - 1) {
            throw new IllegalArgumentException("chargers %d..%d do not fit into a fleet of %d".formatted(firstIndex,
                    firstIndex + chargers - 1, fleetSize));
        }
        SettingRules.atLeast("rampPerSecond", rampPerSecond, 0);
        loopbackSources = List.copyOf(loopbackSources);
    }

    /** A builder with the defaults: 1 charger, seed 1, all immediate, no sessions. */
    public static Builder builder(URI... urls) {
        return new Builder(List.of(urls));
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(behaviour.urls());
        builder.chargers = chargers;
        builder.fleetSize = fleetSize;
        builder.firstIndex = firstIndex;
        builder.rampPerSecond = rampPerSecond;
        builder.seed = seed;
        builder.personas = personas;
        builder.idPrefix = idPrefix;
        builder.password = password;
        builder.threads = threads;
        builder.loopbackSources = loopbackSources;
        builder.keepAcknowledgedIds = keepAcknowledgedIds;
        builder.callTimeout = behaviour.callTimeout();
        builder.handshakeTimeout = behaviour.handshakeTimeout();
        builder.transactionMessageAttempts = behaviour.transactionMessageAttempts();
        builder.transactionMessageRetryInterval = behaviour.transactionMessageRetryInterval();
        builder.answerLatencyMin = behaviour.answerLatencyMin();
        builder.answerLatencyMax = behaviour.answerLatencyMax();
        builder.sessionEvery = behaviour.sessionEvery();
        builder.sessionDuration = behaviour.sessionDuration();
        builder.meterValueInterval = behaviour.meterValueInterval();
        builder.idTags = behaviour.idTags();
        builder.rebootTime = behaviour.rebootTime();
        return builder;
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private List<URI> urls;
        private int chargers = 1;
        private int fleetSize;
        private int firstIndex = 1;
        private double rampPerSecond;
        private long seed = 1;
        private PersonaMix personas = PersonaMix.of(Persona.immediate());
        private String idPrefix = "CP-";
        private @Nullable String password;
        private int threads;
        private List<InetAddress> loopbackSources = Transport.defaultLoopbackSources();
        private boolean keepAcknowledgedIds = true;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int transactionMessageAttempts = 3;
        private Duration transactionMessageRetryInterval = Duration.ofSeconds(60);
        private Duration answerLatencyMin = Duration.ofMillis(50);
        private Duration answerLatencyMax = Duration.ofMillis(500);
        private Duration sessionEvery = Duration.ZERO;
        private Duration sessionDuration = Duration.ofMinutes(10);
        private Duration meterValueInterval = Duration.ofSeconds(60);
        private int idTags = 0;
        private Duration rebootTime = Duration.ofSeconds(2);

        private Builder(List<URI> urls) {
            this.urls = List.copyOf(urls);
        }

        public Builder urls(List<URI> value) {
            urls = List.copyOf(value);
            return this;
        }

        public Builder chargers(int value) {
            chargers = value;
            return this;
        }

        /** The whole fleet's size when this process runs only part of it (default: {@link #chargers(int)}). */
        public Builder slice(int fleetSizeValue, int firstIndexValue) {
            fleetSize = fleetSizeValue;
            firstIndex = firstIndexValue;
            return this;
        }

        public Builder rampPerSecond(double value) {
            rampPerSecond = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder personas(PersonaMix value) {
            personas = value;
            return this;
        }

        public Builder idPrefix(String value) {
            idPrefix = value;
            return this;
        }

        public Builder password(@Nullable String value) {
            password = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder loopbackSources(List<InetAddress> value) {
            loopbackSources = value;
            return this;
        }

        public Builder keepAcknowledgedIds(boolean value) {
            keepAcknowledgedIds = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder transactionMessageRetries(int attempts, Duration retryInterval) {
            transactionMessageAttempts = attempts;
            transactionMessageRetryInterval = retryInterval;
            return this;
        }

        public Builder answerLatency(Duration min, Duration max) {
            answerLatencyMin = min;
            answerLatencyMax = max;
            return this;
        }

        /** Driver sessions: one every {@code every} per charger on average (zero: none), of mean length {@code length}. */
        public Builder sessions(Duration every, Duration length, Duration meterValueIntervalValue) {
            sessionEvery = every;
            sessionDuration = length;
            meterValueInterval = meterValueIntervalValue;
            return this;
        }

        /** Id tags drivers use, {@code TAG-000001} up (default: as many as chargers in the fleet). */
        public Builder idTags(int value) {
            idTags = value;
            return this;
        }

        public Builder rebootTime(Duration value) {
            rebootTime = value;
            return this;
        }

        public FleetSettings build() {
            int size = fleetSize > 0 ? fleetSize : chargers;
            // at least one id tag even for no chargers: FleetSettings then reports the chargers, the real mistake
            return new FleetSettings(chargers, size, firstIndex, rampPerSecond, seed, personas, idPrefix, password,
                    threads, loopbackSources, keepAcknowledgedIds, new Behaviour(urls, callTimeout, handshakeTimeout,
                            transactionMessageAttempts, transactionMessageRetryInterval, answerLatencyMin,
                            answerLatencyMax, sessionEvery, sessionDuration, meterValueInterval,
                            idTags > 0 ? idTags : Math.max(size, 1), rebootTime));
        }
    }
}
