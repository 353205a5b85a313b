package dev.chargestorm.sut.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.chargestorm.sut.support.Http;

/** Reads a few values from the central system's Prometheus text. */
final class Prometheus {

	private final String text;

	private Prometheus(String text) {
		this.text = text;
	}

	static Prometheus scrape(int port) {
		return new Prometheus(Http.get(port, "/actuator/prometheus").body());
	}

	/** @return the sum of every sample of this metric whose labels contain all of {@code labels} */
	double sum(String metric, String... labels) {
		double sum = 0;
		for (String line : this.text.split("\n")) {
			if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
				boolean matches = true;
				for (String label : labels) {
					matches &= line.contains(label);
				}
				if (matches) {
					sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
		}
		return sum;
	}

	/** @return cumulative bucket counts (le -> count) of a histogram, summed over matching series */
	TreeMap<Double, Double> buckets(String metric, String... labels) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (String line : this.text.split("\n")) {
			if (!line.startsWith(metric + "_bucket{")) {
				continue;
			}
			boolean matches = true;
			for (String label : labels) {
				matches &= line.contains(label);
			}
			if (!matches) {
				continue;
			}
			int le = line.indexOf("le=\"") + 4;
			String bound = line.substring(le, line.indexOf('"', le));
			double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
			buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
		}
		return buckets;
	}

	/** @return the upper bound of the bucket holding quantile q of the counts between two scrapes */
	static double quantile(Map<Double, Double> before, TreeMap<Double, Double> after, double q) {
		List<double[]> delta = new ArrayList<>();
		after.forEach((bound, count) -> delta.add(new double[] { bound, count - before.getOrDefault(bound, 0d) }));
		double total = delta.isEmpty() ? 0 : delta.get(delta.size() - 1)[1];
		for (double[] bucket : delta) {
			if (bucket[1] >= q * total) {
				return bucket[0];
			}
		}
		return Double.NaN;
	}

}
