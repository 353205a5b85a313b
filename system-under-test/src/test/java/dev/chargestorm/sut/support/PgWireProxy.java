package dev.chargestorm.sut.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of PostgreSQL that understands just enough of the frontend
 * protocol to record the SQL each client sends (Parse and Query messages), and that can stall
 * (a hung or very slow database) or drop (a database that is down) the traffic. Tests point a
 * pool at it to count the statements a request really sends and to break the database for it
 * alone.
 */
public final class PgWireProxy implements AutoCloseable {

	private static final int SSL_REQUEST = 80877103;

	private static final int GSS_REQUEST = 80877104;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private volatile int targetPort = -1;

	private volatile boolean down;

	private boolean paused;

	private PgWireProxy(ServerSocket server) {
		this.server = server;
		Thread.ofPlatform().daemon().name("pg-proxy-accept").start(this::acceptLoop);
	}

	/** @return a proxy on a free loopback port; it refuses connections until {@link #target(int)} */
	public static PgWireProxy start() {
		try {
			return new PgWireProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return the port clients connect to */
	public int port() {
		return this.server.getLocalPort();
	}

	/** @param port where PostgreSQL listens on loopback */
	public void target(int port) {
		this.targetPort = port;
	}

	/** Holds every byte in both directions until {@link #resume()}: queries hang. */
	public void pause() {
		synchronized (this.gate) {
			this.paused = true;
		}
	}

	/** Lets held and new traffic through again. */
	public void resume() {
		synchronized (this.gate) {
			this.paused = false;
			this.gate.notifyAll();
		}
	}

	/** Closes every connection and refuses new ones until {@link #up()}: the database is down. */
	public void down() {
		this.down = true;
		List.copyOf(this.sockets).forEach(this::closeQuietly);
	}

	/** Accepts connections again. */
	public void up() {
		this.down = false;
	}

	/** @return the SQL texts clients sent since the last {@link #clearStatements()}, in order */
	public List<String> statements() {
		return List.copyOf(this.statements);
	}

	public void clearStatements() {
		this.statements.clear();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.down || this.targetPort < 0) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				Thread.ofPlatform().daemon().name("pg-proxy-up").start(() -> clientToServer(client, upstream));
				Thread.ofPlatform().daemon().name("pg-proxy-down").start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection fail
			}
		}
	}

	/** Forwards whole frontend messages, recording the SQL of Parse ('P') and Query ('Q'). */
	private void clientToServer(Socket client, Socket upstream) {
		try (DataInputStream in = new DataInputStream(client.getInputStream());
				DataOutputStream out = new DataOutputStream(upstream.getOutputStream())) {
			boolean started = false;
			while (!started) {
				int length = in.readInt();
				byte[] body = new byte[length - 4];
				in.readFully(body);
				int code = (body.length >= 4) ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16
						| (body[2] & 0xff) << 8 | (body[3] & 0xff)) : 0;
				started = code != SSL_REQUEST && code != GSS_REQUEST;
				awaitGate();
				out.writeInt(length);
				out.write(body);
				out.flush();
			}
			while (true) {
				int type = in.readUnsignedByte();
				int length = in.readInt();
				byte[] body = new byte[length - 4];
				in.readFully(body);
				if (type == 'Q') {
					this.statements.add(cString(body, 0));
				}
				else if (type == 'P') {
					int nameEnd = indexOfZero(body, 0);
					this.statements.add(cString(body, nameEnd + 1));
				}
				awaitGate();
				out.writeByte(type);
				out.writeInt(length);
				out.write(body);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed
		}
		finally {
			closeQuietly(client);
			closeQuietly(upstream);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read; (read = in.read(buffer)) >= 0;) {
				awaitGate();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void awaitGate() throws IOException {
		synchronized (this.gate) {
			while (this.paused) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", ex);
				}
			}
		}
	}

	private static int indexOfZero(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return bytes.length;
	}

	private static String cString(byte[] bytes, int from) {
		return new String(bytes, from, indexOfZero(bytes, from) - from, StandardCharsets.UTF_8);
	}

	private void closeQuietly(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		resume();
		down();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
