package dev.chargestorm.fleet.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal OCPP-J server for behaviours the real central system never shows (a CALL that is never answered): a plain
 * socket speaking just enough RFC 6455 (unfragmented text frames). A script maps each action to a CALLRESULT payload,
 * or to null for no answer at all. Loopback only; closed with the test.
 */
public final class ScriptedCentralSystem implements AutoCloseable {

    private static final Pattern CALL = Pattern.compile("^\\[\\s*2\\s*,\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"");

    private final ServerSocket socket;
    private final Function<String, String> script;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private ScriptedCentralSystem(ServerSocket socket, Function<String, String> script) {
        this.socket = socket;
        this.script = script;
        Thread.ofVirtual().start(this::accept);
    }

    /** @param script action to CALLRESULT payload JSON, or null to leave the CALL unanswered */
    public static ScriptedCentralSystem start(Function<String, String> script) {
        try {
            return new ScriptedCentralSystem(new ServerSocket(0, 2_000, InetAddress.getByName("127.0.0.1")), script);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/ocpp");
    }

    /** The actions of every CALL received, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException ex) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String key = head.toString().lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] data = new byte[(int) length];
                in.readFully(data);
                for (int i = 0; i < data.length; i++) {
                    data[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0f;
                if (opcode == 8) {
                    return;
                }
                if (opcode != 1) {
                    continue;
                }
                Matcher call = CALL.matcher(new String(data, StandardCharsets.UTF_8));
                if (!call.find()) {
                    continue;
                }
                received.add(call.group(2));
                String payload = script.apply(call.group(2));
                if (payload != null) {
                    write(out, "[3,\"" + call.group(1) + "\"," + payload + "]");
                }
            }
        } catch (IOException | NoSuchAlgorithmException ex) {
            // the charger went away
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(data.length + 4);
        frame.write(0x81);
        if (data.length < 126) {
            frame.write(data.length);
        } else {
            frame.write(126);
            frame.write(data.length >> 8);
            frame.write(data.length & 0xff);
        }
        frame.write(data);
        // one frame at a time per connection, in one write; connections do not wait for each other
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ex) {
            // closed
        }
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException ex) {
                // closed
            }
        }
    }
}
