package dev.chargestorm.toxiproxy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A dependency-free echo server on 127.0.0.1 (one virtual thread per connection). Used in-process by the latency
 * benchmark and as its own process ({@code java EchoServer.java}, the JDK source launcher) by the connections
 * benchmark, so that its sockets do not count against the benchmark's open-file limit. Prints {@code port N}.
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket server;

    public EchoServer() throws IOException {
        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> echo(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        } catch (IOException gone) {
            // peer closed or reset
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    public static void main(String[] args) throws Exception {
        EchoServer echo = new EchoServer();
        System.out.println("port " + echo.port());
        System.out.flush();
        System.in.read(); // runs until the parent closes stdin or kills it
        echo.close();
    }
}
