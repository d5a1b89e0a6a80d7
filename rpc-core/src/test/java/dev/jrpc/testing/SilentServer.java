package dev.jrpc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A server that accepts connections and reads everything, but never answers: a frozen process, or
 * a black hole behind a load balancer. It may first send some bytes on every connection, such as
 * half a frame. Loopback only; close it to end its threads.
 */
public final class SilentServer extends LoopbackServer {

	private final byte[] greeting;

	private SilentServer(byte[] greeting) throws IOException {
		super("silent-server");
		this.greeting = greeting;
		startAccepting();
	}

	/** A server that never sends anything. */
	public static SilentServer start() throws IOException {
		return new SilentServer(new byte[0]);
	}

	/** A server that sends {@code bytes} once a request arrives, then nothing more. */
	public static SilentServer sendingOnce(byte[] bytes) throws IOException {
		return new SilentServer(bytes);
	}

	@Override
	void serve(Socket connection) throws IOException {
		byte[] buffer = new byte[8192];
		boolean greeted = false;
		InputStream in = connection.getInputStream();
		OutputStream out = connection.getOutputStream();
		while (in.read(buffer) >= 0) {
			if (!greeted && this.greeting.length > 0) {
				out.write(this.greeting);
				out.flush();
			}
			greeted = true;
		}
	}

}
