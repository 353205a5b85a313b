package dev.chargestorm.chaos.fault;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Disables and enables proxies with a count per proxy, so that overlapping faults (an outage inside a partition)
 * re-enable a proxy only when the last of them is rolled back.
 */
final class ProxySwitches {

    private final Map<String, Integer> disabled = new HashMap<>();

    synchronized void disable(Proxy proxy) throws IOException {
        int count = disabled.merge(proxy.getName(), 1, Integer::sum);
        if (count == 1) {
            proxy.disable();
        }
    }

    synchronized void enable(Proxy proxy) throws IOException {
        Integer count = disabled.get(proxy.getName());
        if (count == null) {
            return;
        }
        if (count == 1) {
            disabled.remove(proxy.getName());
            proxy.enable();
        } else {
            disabled.put(proxy.getName(), count - 1);
        }
    }
}
