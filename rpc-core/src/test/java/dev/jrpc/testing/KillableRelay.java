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
 * A TCP relay in front of a server, which a test can kill: every connection through it is reset
 * at once, as when the server's process is killed with SIGKILL, and new connections are refused.
 * Loopback only.
 */
public final class KillableRelay implements AutoCloseable {

	private final ServerSocket socket;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public KillableRelay(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "relay");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream()) {
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// reset or closed
			}
		}, "relay-pump");
		pump.setDaemon(true);
		pump.start();
	}

	/** Resets every connection and refuses new ones, as a killed process would. */
	public void kill() throws IOException {
		this.socket.close();
		for (Socket connection : this.sockets) {
			if (!connection.isClosed()) {
				connection.setSoLinger(true, 0);
				connection.close();
			}
		}
	}

	@Override
	public void close() throws IOException {
		kill();
	}

}
