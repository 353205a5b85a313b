package dev.chargestorm.steadystate.sli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

import dev.chargestorm.steadystate.slo.Operator;

/**
 * Scrapes a Prometheus text-format endpoint (the central system's {@code /actuator/prometheus}) at every slice
 * boundary. Counters and histogram buckets become per-slice increases (a counter reset counts from zero); gauges are
 * read as they are. Spec keys: {@code metric} (series name), {@code labels.<name>} (exact matches), and for
 * histograms {@code le} (a duration; reads {@code <metric>_bucket} with that bound in seconds).
 */
public final class PrometheusScrapeSource implements SliSource {

    /** The OpenSLO DataSource type this source serves. */
    public static final String TYPE = "Prometheus";

    private final URI uri;
    private final HttpClient client;
    private final Duration timeout;
    private List<PrometheusText.Sample> previous = List.of();

    /** A source that scrapes {@code uri} with the given per-request timeout. */
    public PrometheusScrapeSource(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public synchronized SliceSnapshot collect() {
        List<PrometheusText.Sample> current = PrometheusText.parse(scrape());
        SliceSnapshot snapshot = new Snapshot(previous, current);
        previous = current;
        return snapshot;
    }

    private String scrape() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SourceException("scrape of " + uri + " returned HTTP " + response.statusCode()
                        + "; expected 200");
            }
            return response.body();
        } catch (IOException e) {
            throw new SourceException("scrape of " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("scrape of " + uri + " was interrupted", e);
        }
    }

    private record Snapshot(Map<String, Double> before, List<PrometheusText.Sample> now) implements SliceSnapshot {

        Snapshot(List<PrometheusText.Sample> before, List<PrometheusText.Sample> now) {
            this(index(before), now);
        }

        private static Map<String, Double> index(List<PrometheusText.Sample> samples) {
            Map<String, Double> out = new java.util.HashMap<>();
            for (PrometheusText.Sample s : samples) {
                out.put(s.name() + s.labels(), s.value());
            }
            return out;
        }

        @Override
        public long count(Map<String, String> spec) {
            String le = spec.get("le");
            if (le == null) {
                return Math.round(increase(matcher(metric(spec), spec, null)));
            }
            double bound = SpecDurations.millis(le, "le") / 1000.0;
            return Math.round(increase(matcher(metric(spec) + "_bucket", spec, bound)));
        }

        @Override
        public long timerTotal(Map<String, String> spec) {
            return Math.round(increase(matcher(metric(spec) + "_count", spec, null)));
        }

        @Override
        public long countWhere(Map<String, String> spec, Operator op, double thresholdMillis) {
            long within = Math.round(increase(matcher(metric(spec) + "_bucket", spec, thresholdMillis / 1000.0)));
            long all = Math.round(increase(matcher(metric(spec) + "_count", spec, null)));
            return op == Operator.LT || op == Operator.LTE ? within : all - within;
        }

        @Override
        public OptionalDouble value(Map<String, String> spec) {
            Predicate<PrometheusText.Sample> m = matcher(metric(spec), spec, null);
            List<PrometheusText.Sample> hits = now.stream().filter(m).toList();
            return hits.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(hits.stream().mapToDouble(PrometheusText.Sample::value).sum());
        }

        @Override
        public Optional<LatencySummary> latency(Map<String, String> spec) {
            return Optional.empty();
        }

        private double increase(Predicate<PrometheusText.Sample> m) {
            double total = 0;
            for (PrometheusText.Sample s : now) {
                if (!m.test(s)) {
                    continue;
                }
                double old = before.getOrDefault(s.name() + s.labels(), 0.0);
                total += s.value() >= old ? s.value() - old : s.value();
            }
            return total;
        }

        private static String metric(Map<String, String> spec) {
            String metric = spec.get("metric");
            if (metric == null) {
                throw new SourceException("Prometheus spec needs 'metric' but was " + spec);
            }
            return metric;
        }

        private static Predicate<PrometheusText.Sample> matcher(String name, Map<String, String> spec, Double le) {
            return s -> {
                if (!s.name().equals(name)) {
                    return false;
                }
                for (Map.Entry<String, String> e : spec.entrySet()) {
                    if (e.getKey().startsWith("labels.")
                            && !e.getValue().equals(s.labels().get(e.getKey().substring("labels.".length())))) {
                        return false;
                    }
                }
                if (le != null) {
                    String l = s.labels().get("le");
                    if (l == null) {
                        return false;
                    }
                    double v = l.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(l);
                    return Math.abs(v - le) <= 1e-9 * Math.max(1, Math.abs(le));
                }
                return true;
            };
        }
    }
}
