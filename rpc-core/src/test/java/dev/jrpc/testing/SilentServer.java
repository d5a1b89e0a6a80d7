package dev.jrpc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts connections and reads everything, but never answers: a frozen process, or
 * a black hole behind a load balancer. It may first send some bytes on every connection, such as
 * half a frame. Loopback only; close it to end its threads.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final byte[] greeting;

	private SilentServer(byte[] greeting) throws IOException {
		this.greeting = greeting;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A server that never sends anything. */
	public static SilentServer start() throws IOException {
		return new SilentServer(new byte[0]);
	}

	/** A server that sends {@code bytes} once a request arrives, then nothing more. */
	public static SilentServer sendingOnce(byte[] bytes) throws IOException {
		return new SilentServer(bytes);
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** Connections accepted so far. */
	public int connections() {
		return this.accepted.size();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.accepted.add(connection);
				Thread reader = new Thread(() -> drain(connection), "silent-server-reader");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void drain(Socket connection) {
		byte[] buffer = new byte[8192];
		boolean greeted = false;
		try (InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
			while (in.read(buffer) >= 0) {
				if (!greeted && this.greeting.length > 0) {
					out.write(this.greeting);
					out.flush();
				}
				greeted = true;
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : this.accepted) {
			connection.close();
		}
	}

}
