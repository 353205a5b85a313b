package dev.chargestorm.fleet.persona;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Personas mixed by ratio, e.g. {@code immediate=0.7,backoff-jitter=0.3}. The ratios are weights (normalised), and a
 * fleet of {@code n} chargers gets exactly the rounded share of each (largest remainder), spread over the charger ids
 * by a seeded shuffle.
 */
public record PersonaMix(List<Share> shares) {

    /** One persona and its weight. */
    public record Share(Persona persona, double weight) {
        public Share {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("persona '" + persona.name() + "' needs a positive ratio but was "
                        + weight);
            }
        }
    }

    public PersonaMix {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a persona mix needs at least one persona");
        }
        shares = List.copyOf(shares);
    }

    /** Every charger immediate. */
    public static PersonaMix of(Persona persona) {
        return new PersonaMix(List.of(new Share(persona, 1)));
    }

    /**
     * Parses {@code persona[=ratio],persona[=ratio],...}; a missing ratio counts as 1.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static PersonaMix parse(String text) {
        List<Share> shares = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.lastIndexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            double weight = 1;
            if (equals >= 0) {
                try {
                    weight = Double.parseDouble(entry.substring(equals + 1).trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("persona entry '" + entry.trim() + "': expected a ratio such as "
                            + "0.3 after '=' but was '" + entry.substring(equals + 1).trim() + "'", ex);
                }
            }
            shares.add(new Share(Personas.parse(name), weight));
        }
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("expected personas such as immediate=0.7,backoff-jitter=0.3 but was '"
                    + text + "'");
        }
        return new PersonaMix(shares);
    }

    /**
     * Which persona each of {@code n} chargers gets: exact shares by largest remainder, spread by a shuffle seeded
     * with {@code seed}. The same seed and size give the same assignment.
     */
    public Persona[] assign(int n, long seed) {
        double total = shares.stream().mapToDouble(Share::weight).sum();
        int[] counts = new int[shares.size()];
        double[] remainders = new double[shares.size()];
        int assigned = 0;
        for (int i = 0; i < shares.size(); i++) {
            double exact = n * shares.get(i).weight() / total;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        while (assigned < n) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        Persona[] personas = new Persona[n];
        int position = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                personas[position++] = shares.get(i).persona();
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Persona swap = personas[i];
            personas[i] = personas[j];
            personas[j] = swap;
        }
        return personas;
    }

    /** The mix in its command-line form. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Share share : shares) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(share.persona().name()).append('=').append(share.weight());
        }
        return text.toString();
    }
}
