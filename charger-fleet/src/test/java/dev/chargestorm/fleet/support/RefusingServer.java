package dev.chargestorm.fleet.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP server on loopback that refuses every WebSocket upgrade with one status (503, 429, 404, ...), and notes
 * when each request arrived. Closed with the test.
 */
public final class RefusingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String response;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RefusingServer(ServerSocket socket, String response) {
        this.socket = socket;
        this.response = response;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    /** Answers every request with {@code status reason} and, if not null, a Retry-After header. */
    public static RefusingServer answering(int status, String reason, String retryAfter) {
        try {
            ServerSocket socket = new ServerSocket(0, 1000, InetAddress.getByName("127.0.0.1"));
            String response = "HTTP/1.1 " + status + " " + reason + "\r\n"
                    + (retryAfter == null ? "" : "Retry-After: " + retryAfter + "\r\n")
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n";
            return new RefusingServer(socket, response);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/ocpp");
    }

    /** System.nanoTime() of each request's arrival. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> answer(client));
            } catch (IOException ex) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            arrivals.add(System.nanoTime());
            String firstLine = head.toString().lines().findFirst().orElse("");
            paths.add(firstLine.split(" ").length > 1 ? firstLine.split(" ")[1] : firstLine);
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ex) {
            // the client went away
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ex) {
            // closed
        }
        acceptor.interrupt();
    }
}
