package dev.chargestorm.sut.search.seed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;

import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.search.ConnectorType;

/**
 * A deterministic, realistic dataset of charging spots across Japan: the same seed gives the same
 * spots, chargers, connectors and initial statuses, on any JVM (java.util.Random and StrictMath only). About four in five spots cluster
 * around 24 cities (weighted roughly by population, spread normally around the centre), the rest
 * are service areas along ten expressways. A spot has 1-4 chargers; the mix follows Japan's
 * network: mostly AC Type 1 (3-6 kW) and DC CHAdeMO (20-150 kW), some CHAdeMO + CCS2 units,
 * Tesla (NACS) sites and a few Type 2 chargers. Ids: spots {@code SPOT-000001...}, charge points
 * {@code CP-000001...} numbered across the dataset in spot order, id tags {@code TAG-000001...}.
 */
public final class SpotDataset implements Iterable<SeedSpot> {

	private static final double KM_PER_DEGREE = 111.32;

	private static final double HIGHWAY_SHARE = 0.22;

	private static final double TESLA_SHARE = 0.03;

	/** name, lat, lng, weight, spread (standard deviation, km). */
	private static final List<City> CITIES = List.of(new City("Tokyo", 35.6812, 139.7671, 30, 9),
			new City("Yokohama", 35.4437, 139.6380, 9, 6), new City("Osaka", 34.6937, 135.5023, 14, 7),
			new City("Nagoya", 35.1815, 136.9066, 9, 7), new City("Sapporo", 43.0618, 141.3545, 5, 6),
			new City("Fukuoka", 33.5904, 130.4017, 5, 6), new City("Kobe", 34.6901, 135.1955, 4, 5),
			new City("Kyoto", 35.0116, 135.7681, 4, 5), new City("Kawasaki", 35.5308, 139.7029, 3, 4),
			new City("Saitama", 35.8617, 139.6455, 4, 6), new City("Hiroshima", 34.3853, 132.4553, 3, 5),
			new City("Sendai", 38.2682, 140.8694, 3, 5), new City("Chiba", 35.6074, 140.1065, 3, 6),
			new City("Kitakyushu", 33.8834, 130.8752, 2, 5), new City("Niigata", 37.9161, 139.0364, 2, 5),
			new City("Hamamatsu", 34.7108, 137.7261, 2, 5), new City("Shizuoka", 34.9756, 138.3828, 2, 5),
			new City("Okayama", 34.6551, 133.9195, 2, 5), new City("Kumamoto", 32.8031, 130.7079, 2, 5),
			new City("Kagoshima", 31.5966, 130.5571, 1.5, 5), new City("Kanazawa", 36.5613, 136.6562, 1.5, 4),
			new City("Nagano", 36.6485, 138.1950, 1.5, 4), new City("Matsuyama", 33.8392, 132.7657, 1, 4),
			new City("Naha", 26.2124, 127.6809, 1, 4));

	private static final List<Highway> HIGHWAYS = List.of(
			new Highway("Tomei Expressway", new double[][] { { 35.6812, 139.7671 }, { 35.4400, 139.3600 },
					{ 34.9756, 138.3828 }, { 34.7108, 137.7261 }, { 35.1815, 136.9066 } }),
			new Highway("Meishin Expressway",
					new double[][] { { 35.1815, 136.9066 }, { 35.0116, 135.7681 }, { 34.6937, 135.5023 } }),
			new Highway("Sanyo Expressway", new double[][] { { 34.6901, 135.1955 }, { 34.6551, 133.9195 },
					{ 34.3853, 132.4553 }, { 33.8834, 130.8752 }, { 33.5904, 130.4017 } }),
			new Highway("Tohoku Expressway",
					new double[][] { { 35.6812, 139.7671 }, { 35.8617, 139.6455 }, { 36.5551, 139.8828 },
							{ 37.7608, 140.4747 }, { 38.2682, 140.8694 }, { 39.7036, 141.1527 },
							{ 40.8244, 140.7400 } }),
			new Highway("Kan-Etsu Expressway",
					new double[][] { { 35.8617, 139.6455 }, { 36.3219, 139.0033 }, { 37.9161, 139.0364 } }),
			new Highway("Chuo Expressway", new double[][] { { 35.6812, 139.7671 }, { 35.6623, 138.5683 },
					{ 36.0400, 138.1100 }, { 35.1815, 136.9066 } }),
			new Highway("Kyushu Expressway",
					new double[][] { { 33.5904, 130.4017 }, { 32.8031, 130.7079 }, { 31.5966, 130.5571 } }),
			new Highway("Hokuriku Expressway", new double[][] { { 37.9161, 139.0364 }, { 36.6953, 137.2113 },
					{ 36.5613, 136.6562 }, { 36.0641, 136.2196 }, { 35.3100, 136.2900 } }),
			new Highway("Do-O Expressway", new double[][] { { 43.0618, 141.3545 }, { 43.7706, 142.3650 } }),
			new Highway("Takamatsu Expressway",
					new double[][] { { 34.6551, 133.9195 }, { 34.3428, 134.0466 }, { 33.8392, 132.7657 } }));

	private static final String[] BRANDS = { "e-Mobility Power", "ENEOS Charge Plus", "Nissan", "Mitsubishi Motors",
			"Toyota", "Aeon Mall", "Lawson", "FamilyMart", "7-Eleven", "Hotel", "City Parking", "Michi-no-Eki",
			"Honda", "Lexus", "Idemitsu" };

	private final long seed;

	private final int spots;

	private final double totalCityWeight;

	private final double[] highwayLengths;

	/**
	 * @param seed the seed: the same seed gives the same dataset
	 * @param spots how many spots
	 */
	public SpotDataset(long seed, int spots) {
		if (spots < 0 || spots > 999_999) {
			throw new IllegalArgumentException("spots must be between 0 and 999999 but was " + spots);
		}
		this.seed = seed;
		this.spots = spots;
		this.totalCityWeight = CITIES.stream().mapToDouble(City::weight).sum();
		this.highwayLengths = HIGHWAYS.stream().mapToDouble(Highway::lengthKm).toArray();
	}

	/** @return how many spots the dataset has */
	public int size() {
		return this.spots;
	}

	/**
	 * @param index 1-based
	 * @return the id tag with that number, such as {@code TAG-000001}
	 */
	public static String idTag(int index) {
		return String.format(Locale.ROOT, "TAG-%06d", index);
	}

	/** @return the spots in id order; charge point ids are numbered on as they are generated */
	@Override
	public Iterator<SeedSpot> iterator() {
		return new Iterator<>() {

			private int next = 1;

			private int chargePoints;

			@Override
			public boolean hasNext() {
				return this.next <= SpotDataset.this.spots;
			}

			@Override
			public SeedSpot next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				SeedSpot spot = spot(this.next++, this.chargePoints);
				this.chargePoints += spot.chargers().size();
				return spot;
			}

		};
	}

	private SeedSpot spot(int index, int chargePointsBefore) {
		Random random = new Random(mix(this.seed, index));
		boolean highway = random.nextDouble() < HIGHWAY_SHARE;
		String id = String.format(Locale.ROOT, "SPOT-%06d", index);
		double lat;
		double lng;
		String name;
		String address;
		if (highway) {
			Highway road = pick(random);
			double along = random.nextDouble() * road.lengthKm();
			double[] point = road.pointAt(along);
			double offsetKm = (random.nextDouble() - 0.5) * 3;
			lat = point[0] + offsetKm / KM_PER_DEGREE;
			lng = point[1] + offsetKm / (KM_PER_DEGREE * StrictMath.cos(StrictMath.toRadians(point[0])));
			int km = (int) Math.round(along);
			name = road.name() + " " + ((random.nextBoolean()) ? "Service Area" : "Parking Area") + " km " + km
					+ ((random.nextBoolean()) ? " (up)" : " (down)");
			address = road.name() + " km " + km + ", Japan";
		}
		else {
			City city = pickCity(random);
			double distanceKm = Math.abs(random.nextGaussian()) * city.spreadKm();
			double bearing = random.nextDouble() * 2 * Math.PI;
			lat = city.lat() + distanceKm * StrictMath.cos(bearing) / KM_PER_DEGREE;
			lng = city.lng() + distanceKm * StrictMath.sin(bearing) / (KM_PER_DEGREE * StrictMath.cos(StrictMath.toRadians(city.lat())));
			boolean tesla = random.nextDouble() < TESLA_SHARE;
			String brand = tesla ? "Tesla Supercharger" : BRANDS[random.nextInt(BRANDS.length)];
			name = brand + " " + city.name() + " " + (1 + random.nextInt(99));
			address = (1 + random.nextInt(9)) + "-" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20)) + " "
					+ city.name() + ", Japan";
			if (tesla) {
				return new SeedSpot(id, name, address, round(lat), round(lng),
						chargers(random, chargePointsBefore, 2 + random.nextInt(3), Kind.NACS));
			}
		}
		int chargerCount = chargerCount(random);
		List<SeedSpot.Charger> chargers = new ArrayList<>(chargerCount);
		for (int i = 0; i < chargerCount; i++) {
			chargers.addAll(chargers(random, chargePointsBefore + i, 1, highway ? highwayKind(random) : cityKind(random)));
		}
		return new SeedSpot(id, name, address, round(lat), round(lng), chargers);
	}

	private static List<SeedSpot.Charger> chargers(Random random, int chargePointsBefore, int count, Kind kind) {
		List<SeedSpot.Charger> chargers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String chargePointId = String.format(Locale.ROOT, "CP-%06d", chargePointsBefore + i + 1);
			List<SeedSpot.Connector> connectors = new ArrayList<>();
			ConnectorType[] types = kind.types();
			int plugs = (kind.types().length == 1 && kind.maybeTwin() && random.nextDouble() < 0.3) ? 2 : types.length;
			for (int c = 0; c < plugs; c++) {
				connectors.add(new SeedSpot.Connector(c + 1, types[Math.min(c, types.length - 1)], kind.powerKw(),
						status(random)));
			}
			chargers.add(new SeedSpot.Charger(chargePointId, connectors));
		}
		return chargers;
	}

	private static int chargerCount(Random random) {
		double roll = random.nextDouble();
		return (roll < 0.45) ? 1 : (roll < 0.75) ? 2 : (roll < 0.90) ? 3 : 4;
	}

	private static Kind cityKind(Random random) {
		double roll = random.nextDouble();
		if (roll < 0.27) {
			return Kind.AC_3;
		}
		if (roll < 0.57) {
			return Kind.AC_6;
		}
		if (roll < 0.65) {
			return Kind.CHADEMO_20;
		}
		if (roll < 0.85) {
			return Kind.CHADEMO_50;
		}
		if (roll < 0.90) {
			return Kind.CHADEMO_90;
		}
		if (roll < 0.92) {
			return Kind.CHADEMO_150;
		}
		if (roll < 0.96) {
			return Kind.MULTI_90;
		}
		if (roll < 0.98) {
			return Kind.TYPE2_7;
		}
		return Kind.TYPE2_22;
	}

	private static Kind highwayKind(Random random) {
		double roll = random.nextDouble();
		if (roll < 0.50) {
			return Kind.CHADEMO_50;
		}
		if (roll < 0.75) {
			return Kind.CHADEMO_90;
		}
		if (roll < 0.85) {
			return Kind.CHADEMO_150;
		}
		if (roll < 0.95) {
			return Kind.MULTI_90;
		}
		return Kind.AC_6;
	}

	private static ChargePointStatus status(Random random) {
		double roll = random.nextDouble();
		if (roll < 0.68) {
			return ChargePointStatus.Available;
		}
		if (roll < 0.86) {
			return ChargePointStatus.Charging;
		}
		if (roll < 0.89) {
			return ChargePointStatus.SuspendedEV;
		}
		if (roll < 0.92) {
			return ChargePointStatus.Preparing;
		}
		if (roll < 0.93) {
			return ChargePointStatus.Reserved;
		}
		if (roll < 0.98) {
			return ChargePointStatus.Unavailable;
		}
		return ChargePointStatus.Faulted;
	}

	private City pickCity(Random random) {
		double roll = random.nextDouble() * this.totalCityWeight;
		for (City city : CITIES) {
			roll -= city.weight();
			if (roll < 0) {
				return city;
			}
		}
		return CITIES.get(CITIES.size() - 1);
	}

	private Highway pick(Random random) {
		double total = 0;
		for (double length : this.highwayLengths) {
			total += length;
		}
		double roll = random.nextDouble() * total;
		for (int i = 0; i < HIGHWAYS.size(); i++) {
			roll -= this.highwayLengths[i];
			if (roll < 0) {
				return HIGHWAYS.get(i);
			}
		}
		return HIGHWAYS.get(HIGHWAYS.size() - 1);
	}

	private static double round(double degrees) {
		return Math.round(degrees * 1e6) / 1e6;
	}

	/** SplitMix64 of (seed, index): independent, well-spread seeds for each spot. */
	private static long mix(long seed, long index) {
		long z = seed * 0x9E3779B97F4A7C15L + index;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private enum Kind {

		AC_3(3.2, true, ConnectorType.Type1), AC_6(6, true, ConnectorType.Type1),
		CHADEMO_20(20, false, ConnectorType.CHAdeMO), CHADEMO_50(50, false, ConnectorType.CHAdeMO),
		CHADEMO_90(90, false, ConnectorType.CHAdeMO), CHADEMO_150(150, false, ConnectorType.CHAdeMO),
		MULTI_90(90, false, ConnectorType.CHAdeMO, ConnectorType.CCS2), TYPE2_7(7, true, ConnectorType.Type2),
		TYPE2_22(22, false, ConnectorType.Type2), NACS(250, false, ConnectorType.NACS);

		private final double powerKw;

		private final boolean maybeTwin;

		private final ConnectorType[] types;

		Kind(double powerKw, boolean maybeTwin, ConnectorType... types) {
			this.powerKw = powerKw;
			this.maybeTwin = maybeTwin;
			this.types = types;
		}

		double powerKw() {
			return this.powerKw;
		}

		boolean maybeTwin() {
			return this.maybeTwin;
		}

		ConnectorType[] types() {
			return this.types;
		}

	}

	private record City(String name, double lat, double lng, double weight, double spreadKm) {
	}

	private record Highway(String name, double[][] waypoints) {

		double lengthKm() {
			double length = 0;
			for (int i = 1; i < this.waypoints.length; i++) {
				length += km(this.waypoints[i - 1], this.waypoints[i]);
			}
			return length;
		}

		double[] pointAt(double km) {
			double left = km;
			for (int i = 1; i < this.waypoints.length; i++) {
				double segment = km(this.waypoints[i - 1], this.waypoints[i]);
				if (left <= segment || i == this.waypoints.length - 1) {
					double t = Math.min(1, left / segment);
					return new double[] { this.waypoints[i - 1][0] + t * (this.waypoints[i][0] - this.waypoints[i - 1][0]),
							this.waypoints[i - 1][1] + t * (this.waypoints[i][1] - this.waypoints[i - 1][1]) };
				}
				left -= segment;
			}
			return this.waypoints[0];
		}

		private static double km(double[] a, double[] b) {
			double dLat = (b[0] - a[0]) * KM_PER_DEGREE;
			double dLng = (b[1] - a[1]) * KM_PER_DEGREE * StrictMath.cos(StrictMath.toRadians((a[0] + b[0]) / 2));
			return StrictMath.sqrt(dLat * dLat + dLng * dLng);
		}

	}

}
