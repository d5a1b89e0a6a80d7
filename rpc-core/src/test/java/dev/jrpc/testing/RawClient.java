package dev.jrpc.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain blocking socket to a server on loopback, to send exactly the bytes a test wants, framed
 * or not, and read what comes back. Every read gives up after a few seconds, so a test waiting for
 * an answer that never comes fails instead of hanging.
 */
public final class RawClient implements AutoCloseable {

	private static final int READ_TIMEOUT_MILLIS = 5000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** Connects to {@code 127.0.0.1:port}. */
	public static RawClient connect(int port) {
		Socket socket = new Socket();
		try {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			return new RawClient(socket);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException(ex);
		}
	}

	/** A JSON-RPC request text with an id and positional parameters given as JSON. */
	public static String request(Object id, String method, String paramsJson) {
		String idJson = (id instanceof String text) ? '"' + text + '"' : String.valueOf(id);
		return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
	}

	/** Writes raw bytes, as they are. */
	public RawClient send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes {@code text} as UTF-8, without framing: JSON stream mode. */
	public RawClient send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Writes {@code json} as one native frame: a 4-byte big-endian length, then the UTF-8 bytes. */
	public RawClient sendFrame(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 4);
		try {
			new DataOutputStream(frame).writeInt(body.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		frame.writeBytes(body);
		return send(frame.toByteArray());
	}

	/** Writes only the 4-byte header of a native frame announcing {@code length} bytes. */
	public RawClient sendFrameHeader(int length) {
		return send(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
				(byte) length });
	}

	/** Tells the server that nothing more will be sent, keeping the socket open for reading. */
	public RawClient shutdownOutput() {
		try {
			this.socket.shutdownOutput();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads one native frame and parses it. */
	public JsonNode readFrame() {
		try {
			int length = this.in.readInt();
			byte[] body = new byte[length];
			this.in.readFully(body);
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads one line, which must end in {@code \n}, as the UTF-8 text it holds. */
	public String readLine() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b < 0) {
					throw new IllegalStateException("The stream ended after '" + line.toString(StandardCharsets.UTF_8)
							+ "', in the middle of a line");
				}
				line.write(b);
			}
			return line.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads one line and parses it. */
	public JsonNode readJsonLine() {
		return json.readTree(readLine());
	}

	/** Reads one byte: -1 once the server has closed the connection. */
	public int read() {
		try {
			return this.in.read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
