package dev.jrpc.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain socket server on loopback for fake peers: it accepts connections on a daemon thread and
 * serves each on a daemon thread of its own, as the subclass says. Close it to end its threads.
 */
abstract class LoopbackServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final String name;

	LoopbackServer(String name) throws IOException {
		this.name = name;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	/** Starts accepting; called by the subclass once it is fully built. */
	final void startAccepting() {
		Thread acceptor = new Thread(this::accept, this.name);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** Connections accepted so far. */
	public int connections() {
		return this.accepted.size();
	}

	/** Serves one connection until it ends; its streams are closed by the caller. */
	abstract void serve(Socket connection) throws IOException;

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.accepted.add(connection);
				Thread reader = new Thread(() -> serveQuietly(connection), this.name + "-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serveQuietly(Socket connection) {
		try (connection) {
			serve(connection);
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
