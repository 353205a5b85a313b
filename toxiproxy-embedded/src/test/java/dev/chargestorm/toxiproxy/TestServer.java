package dev.chargestorm.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream for tests on 127.0.0.1: either echoes everything back ({@link #echo()}), or hands each accepted socket
 * to the test ({@link #manual()}, {@link #nextConnection(Duration)}). Closes every socket it accepted on close.
 */
final class TestServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final boolean echo;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> all = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TestServer(boolean echo) throws IOException {
        this.serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.echo = echo;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    static TestServer echo() throws IOException {
        return new TestServer(true);
    }

    static TestServer manual() throws IOException {
        return new TestServer(false);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** The next accepted upstream socket (manual mode). */
    Socket nextConnection(Duration within) throws InterruptedException {
        Socket socket = accepted.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (socket == null) {
            throw new AssertionError("Expecting the proxy to connect upstream to " + address() + " within "
                    + within.toMillis() + " ms, but no connection arrived");
        }
        return socket;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                all.add(socket);
                if (echo) {
                    Thread.ofVirtual().start(() -> echo(socket));
                } else {
                    accepted.add(socket);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException reset) {
            // peer went away
        } catch (IOException failed) {
            // peer went away
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : all) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        acceptor.interrupt();
    }
}
