package dev.chargestorm.toxiproxy.proxy;

import org.apiguardian.api.API;
import dev.chargestorm.toxiproxy.toxic.Direction;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Toxiproxy's proxy metrics: {@code toxiproxy_proxy_received_bytes_total} (read from the source socket, before toxics)
 * and {@code toxiproxy_proxy_sent_bytes_total} (written to the destination, after toxics), labelled
 * {@code direction, listener, proxy, upstream}. As in the real server, a link's bytes are added when the connection
 * ends, not while it streams. Counters never reset, also across proxy deletion.
 */
@API(status = API.Status.INTERNAL)
public final class ProxyMetrics {

    private record Labels(Direction direction, String listener, String proxy, String upstream) {
    }

    private final Map<Labels, LongAdder[]> counters = new ConcurrentHashMap<>();

    void add(String proxy, String listener, String upstream, Direction direction, long received, long sent) {
        LongAdder[] pair = counters.computeIfAbsent(new Labels(direction, listener, proxy, upstream),
                labels -> new LongAdder[] {new LongAdder(), new LongAdder()});
        pair[0].add(received);
        pair[1].add(sent);
    }

    /** The Prometheus text exposition format 0.0.4. */
    public String prometheusText() {
        List<Map.Entry<Labels, LongAdder[]>> rows = counters.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Labels, LongAdder[]> e) -> e.getKey().direction().wireName())
                        .thenComparing(e -> e.getKey().listener())
                        .thenComparing(e -> e.getKey().proxy())
                        .thenComparing(e -> e.getKey().upstream()))
                .toList();
        StringBuilder text = new StringBuilder();
        family(text, "toxiproxy_proxy_received_bytes_total", rows, 0);
        family(text, "toxiproxy_proxy_sent_bytes_total", rows, 1);
        return text.toString();
    }

    private static void family(StringBuilder text, String name, List<Map.Entry<Labels, LongAdder[]>> rows, int index) {
        if (rows.isEmpty()) {
            return;
        }
        text.append("# TYPE ").append(name).append(" counter\n");
        for (Map.Entry<Labels, LongAdder[]> row : rows) {
            Labels labels = row.getKey();
            text.append(name).append("{direction=\"").append(labels.direction().wireName())
                    .append("\",listener=\"").append(escape(labels.listener()))
                    .append("\",proxy=\"").append(escape(labels.proxy()))
                    .append("\",upstream=\"").append(escape(labels.upstream()))
                    .append("\"} ").append(row.getValue()[index].sum()).append('\n');
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
