package dev.chargestorm.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.chargestorm.fleet.chargepoint.Behaviour;
import dev.chargestorm.fleet.internal.SettingRules;
import dev.chargestorm.fleet.persona.Persona;
import dev.chargestorm.fleet.persona.PersonaMix;
import dev.chargestorm.fleet.persona.ReconnectStrategy;
import dev.chargestorm.fleet.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Everything a fleet (or one process's share of it) needs. Build it with {@link #builder(URI...)}, whose builder is
 * immutable like these settings.
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
        List<URI> list = List.of(urls);
        return new Builder(List.of((draft) -> draft.urls = list));
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(List.of((draft) -> draft.startFrom(this)));
    }

    /**
     * Collects settings over the defaults; {@link #build()} validates them. A builder is immutable: each method returns
     * a new builder with one more change and leaves this one as it was, so a builder can be shared and extended.
     */
    public static final class Builder {
        private final List<Consumer<Draft>> changes;

        private Builder(List<Consumer<Draft>> changes) {
            this.changes = changes;
        }

        public Builder urls(List<URI> value) {
            List<URI> urls = List.copyOf(value);
            return with((draft) -> draft.urls = urls);
        }

        public Builder chargers(int value) {
            return with((draft) -> draft.chargers = value);
        }

        /** The whole fleet's size when this process runs only part of it (default: {@link #chargers(int)}). */
        public Builder slice(int fleetSize, int firstIndex) {
            return with((draft) -> {
                draft.fleetSize = fleetSize;
                draft.firstIndex = firstIndex;
            });
        }

        public Builder rampPerSecond(double value) {
            return with((draft) -> draft.rampPerSecond = value);
        }

        public Builder seed(long value) {
            return with((draft) -> draft.seed = value);
        }

        public Builder personas(PersonaMix value) {
            return with((draft) -> draft.personas = value);
        }

        public Builder idPrefix(String value) {
            return with((draft) -> draft.idPrefix = value);
        }

        public Builder password(@Nullable String value) {
            return with((draft) -> draft.password = value);
        }

        public Builder threads(int value) {
            return with((draft) -> draft.threads = value);
        }

        public Builder loopbackSources(List<InetAddress> value) {
            List<InetAddress> sources = List.copyOf(value);
            return with((draft) -> draft.loopbackSources = sources);
        }

        public Builder keepAcknowledgedIds(boolean value) {
            return with((draft) -> draft.keepAcknowledgedIds = value);
        }

        public Builder callTimeout(Duration value) {
            return with((draft) -> draft.callTimeout = value);
        }

        public Builder handshakeTimeout(Duration value) {
            return with((draft) -> draft.handshakeTimeout = value);
        }

        public Builder transactionMessageRetries(int attempts, Duration retryInterval) {
            return with((draft) -> {
                draft.transactionMessageAttempts = attempts;
                draft.transactionMessageRetryInterval = retryInterval;
            });
        }

        public Builder answerLatency(Duration min, Duration max) {
            return with((draft) -> {
                draft.answerLatencyMin = min;
                draft.answerLatencyMax = max;
            });
        }

        /**
         * Driver sessions: one every {@code every} per charger on average (zero: none), of mean length {@code length}.
         */
        public Builder sessions(Duration every, Duration length, Duration meterValueInterval) {
            return with((draft) -> {
                draft.sessionEvery = every;
                draft.sessionDuration = length;
                draft.meterValueInterval = meterValueInterval;
            });
        }

        /** Id tags drivers use, {@code TAG-000001} up (default: as many as chargers in the fleet). */
        public Builder idTags(int value) {
            return with((draft) -> draft.idTags = value);
        }

        public Builder rebootTime(Duration value) {
            return with((draft) -> draft.rebootTime = value);
        }

        /**
         * How chargers redial until they are first Accepted (default: null, their persona's strategy); see
         * {@link Behaviour#rampRedial()}.
         */
        public Builder rampRedial(@Nullable ReconnectStrategy value) {
            return with((draft) -> draft.rampRedial = value);
        }

        /**
         * @return the settings: the defaults with this builder's changes applied in order
         * @throws IllegalArgumentException naming the setting and the rule it breaks
         */
        public FleetSettings build() {
            Draft draft = new Draft();
            changes.forEach((change) -> change.accept(draft));
            return draft.settings();
        }

        private Builder with(Consumer<Draft> change) {
            List<Consumer<Draft>> next = new ArrayList<>(changes);
            next.add(change);
            return new Builder(List.copyOf(next));
        }
    }

    /** The values a builder collects, over the defaults. Mutable, so it lives only inside {@link Builder#build()}. */
    private static final class Draft {
        private List<URI> urls = List.of();
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
        private @Nullable ReconnectStrategy rampRedial;

        private void startFrom(FleetSettings settings) {
            Behaviour behaviour = settings.behaviour();
            urls = behaviour.urls();
            chargers = settings.chargers();
            fleetSize = settings.fleetSize();
            firstIndex = settings.firstIndex();
            rampPerSecond = settings.rampPerSecond();
            seed = settings.seed();
            personas = settings.personas();
            idPrefix = settings.idPrefix();
            password = settings.password();
            threads = settings.threads();
            loopbackSources = settings.loopbackSources();
            keepAcknowledgedIds = settings.keepAcknowledgedIds();
            callTimeout = behaviour.callTimeout();
            handshakeTimeout = behaviour.handshakeTimeout();
            transactionMessageAttempts = behaviour.transactionMessageAttempts();
            transactionMessageRetryInterval = behaviour.transactionMessageRetryInterval();
            answerLatencyMin = behaviour.answerLatencyMin();
            answerLatencyMax = behaviour.answerLatencyMax();
            sessionEvery = behaviour.sessionEvery();
            sessionDuration = behaviour.sessionDuration();
            meterValueInterval = behaviour.meterValueInterval();
            idTags = behaviour.idTags();
            rebootTime = behaviour.rebootTime();
            rampRedial = behaviour.rampRedial();
        }

        private FleetSettings settings() {
            int size = fleetSize > 0 ? fleetSize : chargers;
            // at least one id tag even for no chargers: FleetSettings then reports the chargers, the real mistake
            return new FleetSettings(chargers, size, firstIndex, rampPerSecond, seed, personas, idPrefix, password,
                    threads, loopbackSources, keepAcknowledgedIds, new Behaviour(urls, callTimeout, handshakeTimeout,
                            transactionMessageAttempts, transactionMessageRetryInterval, answerLatencyMin,
                            answerLatencyMax, sessionEvery, sessionDuration, meterValueInterval,
                            idTags > 0 ? idTags : Math.max(size, 1), rebootTime, rampRedial));
        }
    }
}
