package dev.chargestorm.fleet.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.chargestorm.fleet.persona.Persona;
import dev.chargestorm.fleet.persona.PersonaMix;
import org.jspecify.annotations.Nullable;

/**
 * Derives the fleet from one seed: ids, connectors, vendors, personas and each charger's own seed. A charger's
 * attributes depend only on the seed, the fleet size and its index, so a fleet split over processes is the same fleet.
 */
public final class FleetPlan {

    private static final String[][] MODELS = {
        {"ABB", "Terra AC W22"}, {"Alpitronic", "HYC300"}, {"Wallbox", "Commander 2"}, {"Easee", "Charge"},
        {"Kempower", "S-Series"}, {"Tritium", "RTM75"}, {"Zaptec", "Pro"}, {"Enel X", "JuiceBox Pro"},
        {"Schneider Electric", "EVlink Pro AC"}, {"Siemens", "VersiCharge"},
    };

    private FleetPlan() {
    }

    /**
     * The chargers with indexes {@code firstIndex .. firstIndex + count - 1} of a fleet of {@code fleetSize}.
     *
     * @param idPrefix e.g. {@code CP-}: ids are the prefix plus the index in six digits
     * @param password Basic-auth password, {@code {id}} replaced by the charger id; null for none
     */
    public static List<ChargerSpec> chargers(long seed, int fleetSize, int firstIndex, int count, PersonaMix mix,
            String idPrefix, @Nullable String password) {
        if (fleetSize < 1 || firstIndex < 1 || count < 0 || firstIndex + count - 1 > fleetSize) {
            throw new IllegalArgumentException("chargers %d..%d are not inside a fleet of %d (indexes start at 1)"
                    .formatted(firstIndex, firstIndex + count - 1, fleetSize));
        }
        Persona[] personas = mix.assign(fleetSize, seed);
        List<ChargerSpec> chargers = new ArrayList<>(count);
        for (int index = firstIndex; index < firstIndex + count; index++) {
            long chargerSeed = mix(seed, index);
            SplittableRandom random = new SplittableRandom(chargerSeed);
            int roll = random.nextInt(100);
            int connectors = roll < 20 ? 1 : roll < 80 ? 2 : roll < 85 ? 3 : 4;
            String[] model = MODELS[random.nextInt(MODELS.length)];
            String id = chargerId(idPrefix, index);
            String serial = String.format(Locale.ROOT, "SN%08X", random.nextInt() & 0x7fffffff);
            String firmware = "%d.%d.%d".formatted(1 + random.nextInt(4), random.nextInt(10), random.nextInt(20));
            chargers.add(new ChargerSpec(index, id, connectors, model[0], model[1], serial, firmware,
                    password == null ? null : password.replace("{id}", id), personas[index - 1], chargerSeed));
        }
        return chargers;
    }

    /** {@code prefix + six-digit index}, e.g. {@code CP-000001}, matching the seeded charge points. */
    public static String chargerId(String prefix, int index) {
        return prefix + String.format(Locale.ROOT, "%06d", index);
    }

    /** {@code TAG-000001} style id tags, matching the seeded id tags. */
    public static String idTag(int index) {
        return "TAG-" + String.format(Locale.ROOT, "%06d", index);
    }

    /** SplitMix64 of seed and index: independent streams per charger. */
    static long mix(long seed, long index) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
