package dev.jrpc.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake server speaking native frames that answers each request with the bytes a test scripts
 * from the request's id, however wrong they are, and may then close the connection. It plays a
 * broken or hostile server to the Java client. Loopback only; close it to end its threads.
 */
public final class ScriptedServer extends LoopbackServer {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final LongFunction<byte[]> answer;

	private final boolean closeAfterAnswer;

	private ScriptedServer(LongFunction<byte[]> answer, boolean closeAfterAnswer) throws IOException {
		super("scripted-server");
		this.answer = answer;
		this.closeAfterAnswer = closeAfterAnswer;
		startAccepting();
	}

	/** A server answering each request with {@code answer} applied to the request's id. */
	public static ScriptedServer answering(LongFunction<byte[]> answer) throws IOException {
		return new ScriptedServer(answer, false);
	}

	/** A server answering the first request of a connection as {@link #answering} does, then closing it. */
	public static ScriptedServer answeringThenClosing(LongFunction<byte[]> answer) throws IOException {
		return new ScriptedServer(answer, true);
	}

	/** {@code json} as one native frame. */
	public static byte[] frame(String json) {
		return frame(json.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code body} as one native frame: a 4-byte big-endian length, then the bytes as they are. */
	public static byte[] frame(byte[] body) {
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

	@Override
	void serve(Socket connection) throws IOException {
		DataInputStream in = new DataInputStream(connection.getInputStream());
		OutputStream out = connection.getOutputStream();
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

}
