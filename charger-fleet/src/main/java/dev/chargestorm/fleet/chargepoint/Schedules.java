package dev.chargestorm.fleet.chargepoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.chargestorm.fleet.plan.ChargerSpec;

/**
 * A charger's independent random streams, all derived from its seed: redials (delays and zone choice), session times,
 * the driver (id tags, session lengths, meter readings) and answer latencies. Separate streams keep a charger's redial
 * schedule and session times the same however the rest of the run went.
 */
public final class Schedules {

    private static final long REDIAL = 0x5245_4449_414CL;
    private static final long DRIVER = 0x4452_4956_4552L;
    private static final long ANSWERS = 0x414E_5357_4552L;
    private static final long SESSIONS = 0x5345_5353_494FL;

    private Schedules() {
    }

    static SplittableRandom redial(ChargerSpec spec) {
        return new SplittableRandom(spec.seed() ^ REDIAL);
    }

    static SplittableRandom driver(ChargerSpec spec) {
        return new SplittableRandom(spec.seed() ^ DRIVER);
    }

    static SplittableRandom sessions(ChargerSpec spec) {
        return new SplittableRandom(spec.seed() ^ SESSIONS);
    }

    static SplittableRandom answers(ChargerSpec spec) {
        return new SplittableRandom(spec.seed() ^ ANSWERS);
    }

    /** The first {@code count} redial delays the charger's persona will use after consecutive failures. */
    public static List<Duration> redialDelays(ChargerSpec spec, int count) {
        SplittableRandom random = redial(spec);
        List<Duration> delays = new ArrayList<>(count);
        for (int attempt = 0; attempt < count; attempt++) {
            delays.add(spec.persona().reconnect().delay(attempt, random));
        }
        return delays;
    }

    /**
     * The gaps between the charger's first {@code count} session attempts (the first counted from when it first went
     * online), as offsets from that moment.
     */
    public static List<Duration> sessionStarts(ChargerSpec spec, Duration every, int count) {
        SplittableRandom random = sessions(spec);
        List<Duration> starts = new ArrayList<>(count);
        long at = 0;
        for (int i = 0; i < count; i++) {
            at += nextGapMillis(random, every);
            starts.add(Duration.ofMillis(at));
        }
        return starts;
    }

    static long nextGapMillis(SplittableRandom random, Duration every) {
        double u = random.nextDouble();
        return Math.max(1, (long) (-Math.log(1 - u) * every.toMillis()));
    }
}
