package dev.chargestorm.toxiproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One end of a TCP connection in a test, with reads bounded by explicit timeouts (socket read timeouts, never sleeps).
 * {@link #read(Duration)} returns what arrived and how: data, EOF, RST, or nothing within the time.
 */
final class Peer implements AutoCloseable {

    /** What a bounded read saw. */
    sealed interface Outcome {
        record Data(byte[] bytes, Duration after) implements Outcome {
            String text() {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        record Eof(Duration after) implements Outcome {
        }

        record Reset(Duration after) implements Outcome {
        }

        record Silence(Duration waited) implements Outcome {
        }
    }

    private final Socket socket;

    Peer(Socket socket) {
        this.socket = socket;
    }

    static Peer connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return new Peer(socket);
    }

    Socket socket() {
        return socket;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Waits up to {@code timeout} for the next event. */
    Outcome read(Duration timeout) throws IOException {
        long start = System.nanoTime();
        byte[] buffer = new byte[64 * 1024];
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int read = socket.getInputStream().read(buffer);
            Duration after = Duration.ofNanos(System.nanoTime() - start);
            if (read < 0) {
                return new Outcome.Eof(after);
            }
            byte[] data = new byte[read];
            System.arraycopy(buffer, 0, data, 0, read);
            return new Outcome.Data(data, after);
        } catch (SocketTimeoutException silence) {
            return new Outcome.Silence(Duration.ofNanos(System.nanoTime() - start));
        } catch (SocketException reset) {
            if (String.valueOf(reset.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")) {
                return new Outcome.Reset(Duration.ofNanos(System.nanoTime() - start));
            }
            throw reset;
        }
    }

    /** Reads exactly {@code count} bytes, failing if they do not all arrive within {@code timeout}. */
    byte[] readExactly(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(count);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expecting " + count + " bytes within " + timeout.toMillis() + " ms but got "
                        + out.size());
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read;
            try {
                read = in.read(buffer, 0, Math.min(buffer.length, count - out.size()));
            } catch (SocketTimeoutException late) {
                continue;
            }
            if (read < 0) {
                throw new AssertionError("Expecting " + count + " bytes but the stream ended after " + out.size());
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Reads everything until EOF, failing if the stream does not end within {@code timeout}. */
    byte[] readToEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expecting EOF within " + timeout.toMillis() + " ms but the stream is open after "
                        + out.size() + " bytes");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException late) {
                continue;
            }
            if (read < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, read);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
