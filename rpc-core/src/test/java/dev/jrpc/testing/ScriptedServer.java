package dev.jrpc.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake server speaking native frames that answers each request with the bytes a test scripts
 * from the request's id, however wrong they are, and may then close the connection. It plays a
 * broken or hostile server to the Java client. Loopback only; close it to end its threads.
 */
public final class ScriptedServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final LongFunction<byte[]> answer;

	private final boolean closeAfterAnswer;

	private ScriptedServer(LongFunction<byte[]> answer, boolean closeAfterAnswer) throws IOException {
		this.answer = answer;
		this.closeAfterAnswer = closeAfterAnswer;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "scripted-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A server answering each request with {@code answer} applied to the request's id. */
	public static ScriptedServer answering(LongFunction<byte[]> answer) throws IOException {
		return new ScriptedServer(answer, false);
	}

	/** A server answering the first request of a connection as {@link #answering} does, then closing it. */
	public static ScriptedServer answeringThenClosing(LongFunction<byte[]> answer) throws IOException {
		return new ScriptedServer(answer, true);
	}

	/** {@code json} as one native frame: a 4-byte big-endian length, then its UTF-8 bytes. */
	public static byte[] frame(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
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
				Thread reader = new Thread(() -> serve(connection), "scripted-server-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket connection) {
		try (DataInputStream in = new DataInputStream(connection.getInputStream());
				OutputStream out = connection.getOutputStream()) {
			while (true) {
				byte[] body = new byte[in.readInt()];
				in.readFully(body);
				JsonNode request = json.readTree(body);
				if (!request.has("id")) {
					continue;
				}
				out.write(this.answer.apply(request.get("id").asLong()));
				out.flush();
				if (this.closeAfterAnswer) {
					return;
				}
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
