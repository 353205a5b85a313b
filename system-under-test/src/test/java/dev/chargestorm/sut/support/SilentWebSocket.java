package dev.chargestorm.sut.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A charger whose link went half-open: it completes the WebSocket handshake on a raw socket and
 * then never reads or answers again, so pings get no pong (the kernel still acknowledges TCP).
 */
public final class SilentWebSocket implements AutoCloseable {

	private final Socket socket;

	private final String handshakeResponse;

	private SilentWebSocket(Socket socket, String handshakeResponse) {
		this.socket = socket;
		this.handshakeResponse = handshakeResponse;
	}

	public static SilentWebSocket open(int port, String chargePointId) {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ocpp/" + chargePointId + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder response = new StringBuilder();
			while (!response.toString().endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				response.append((char) next);
			}
			return new SilentWebSocket(socket, response.toString());
		}
		catch (IOException ex) {
			try {
				socket.close();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw new UncheckedIOException(ex);
		}
	}

	/** @return the server's handshake response headers */
	public String handshakeResponse() {
		return this.handshakeResponse;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
