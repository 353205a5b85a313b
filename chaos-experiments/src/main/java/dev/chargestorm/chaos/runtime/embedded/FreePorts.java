package dev.chargestorm.chaos.runtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports for one platform, never the same one twice. */
final class FreePorts {

    private final Set<Integer> handedOut = new HashSet<>();

    synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException failed) {
                throw new UncheckedIOException("no free port on the loopback interface", failed);
            }
        }
        throw new IllegalStateException("no new free port on the loopback interface after 50 attempts");
    }
}
