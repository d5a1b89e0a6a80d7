package dev.jrpc;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Good requests mutated at random, from a fixed seed so that every run sends the same corpus, in
 * both framings: every case ends with well-formed JSON-RPC responses, or none, and a closed
 * connection, never a hung one; afterwards the server still serves a good client. Prints how the
 * cases ended.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GarbageInputTests {

	private static final int CASES_PER_FRAMING = 1000;

	private static final long SEED = 20261202L;

	private static final String GREETER = Greeter.class.getName();

	private static final List<String> SEEDS = List.of(request(1, GREETER + ".greet", "[\"Ada\"]"),
			request("a-1", GREETER + ".add", "[2,3]"), request(2, GREETER + ".echo", "[\"x\\ny\\u00e9\"]"),
			"{\"jsonrpc\":\"2.0\",\"method\":\"" + GREETER + ".greet\",\"params\":[\"note\"]}",
			"[" + request(3, GREETER + ".greet", "[\"B\"]") + "," + request(4, GREETER + ".add", "{\"a\":1,\"b\":2}")
					+ "]",
			request(5, "rpc.ping", "[]"), request(6, GREETER + ".items",
					"[[{\"name\":\"n\",\"count\":1,\"date\":\"2026-01-01\"}]]"));

	private static final byte[] SPECIAL = "{}[]\",:\\ 0-e.ntf\u0000\n".getBytes(StandardCharsets.UTF_8);

	private final JsonMapper json = JsonMapper.builder().build();

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxFrameSize(64 * 1024)
			.messageReadTimeout(java.time.Duration.ofSeconds(2))
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void mutatedRequestsInJsonStreamModeGetWellFormedAnswersOrAClosedConnection() throws IOException {
		run(false);
	}

	@Test
	void mutatedRequestsInNativeFramesGetWellFormedAnswersOrAClosedConnection() throws IOException {
		run(true);
	}

	private void run(boolean nativeFrames) throws IOException {
		Random random = new Random(SEED + (nativeFrames ? 1 : 0));
		int responses = 0;
		int errors = 0;
		int silent = 0;
		long started = System.nanoTime();
		for (int i = 0; i < CASES_PER_FRAMING; i++) {
			byte[] body = mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), random);
			byte[] sent = nativeFrames ? frame(body, random) : body;
			// The server chooses the framing from the first byte, which a mutation may have changed.
			List<JsonNode> answers = exchange(sent, sent.length > 0 && sent[0] == 0, i);
			for (JsonNode answer : answers) {
				for (JsonNode response : answer.isArray() ? answer : List.of(answer)) {
					assertThat(response.path("jsonrpc").asString()).as("case %d: %s", i, response).isEqualTo("2.0");
					assertThat(response.has("result") ^ response.has("error")).as("case %d: %s", i, response).isTrue();
					responses++;
					errors += response.has("error") ? 1 : 0;
				}
			}
			silent += answers.isEmpty() ? 1 : 0;
		}
		System.out.printf("garbage input (%s): %d cases in %d ms: %d responses, %d of them errors; %d cases answered"
				+ " nothing%n", nativeFrames ? "native frames" : "JSON stream", CASES_PER_FRAMING,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), responses, errors, silent);
		try (RawClient good = RawClient.connect(this.server.port())) {
			good.sendFrame(request(9, GREETER + ".greet", "[\"Grace\"]"));
			assertThat(good.readFrame().get("result").asString()).isEqualTo("Hello, Grace");
		}
	}

	/** Sends {@code bytes}, closes the sending side, and reads every answer until the server closes. */
	private List<JsonNode> exchange(byte[] bytes, boolean nativeFrames, int number) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(bytes);
				out.flush();
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				// The server closed first: what it answered before is still to be read.
			}
			InputStream in = socket.getInputStream();
			List<JsonNode> answers = new ArrayList<>();
			if (nativeFrames) {
				DataInputStream frames = new DataInputStream(in);
				while (true) {
					int length;
					try {
						length = frames.readInt();
					}
					catch (EOFException ex) {
						break;
					}
					byte[] body = new byte[length];
					frames.readFully(body);
					answers.add(this.json.readTree(body));
				}
			}
			else {
				ByteArrayOutputStream all = new ByteArrayOutputStream();
				in.transferTo(all);
				for (String line : all.toString(StandardCharsets.UTF_8).split("\n")) {
					if (!line.isBlank()) {
						answers.add(this.json.readTree(line));
					}
				}
			}
			return answers;
		}
		catch (java.net.SocketTimeoutException ex) {
			throw new AssertionError("case " + number + ": the server neither answered nor closed the connection: "
					+ new String(bytes, StandardCharsets.UTF_8), ex);
		}
	}

	/** One to three mutations of {@code input}. */
	private static byte[] mutate(byte[] input, Random random) {
		byte[] bytes = input;
		int count = 1 + random.nextInt(3);
		for (int i = 0; i < count && bytes.length > 0; i++) {
			int at = random.nextInt(bytes.length);
			bytes = switch (random.nextInt(7)) {
				case 0 -> set(bytes, at, (byte) random.nextInt(256));
				case 1 -> set(bytes, at, SPECIAL[random.nextInt(SPECIAL.length)]);
				case 2 -> insert(bytes, at, new byte[] { SPECIAL[random.nextInt(SPECIAL.length)] });
				case 3 -> remove(bytes, at, 1 + random.nextInt(Math.min(8, bytes.length - at)));
				case 4 -> java.util.Arrays.copyOf(bytes, at);
				case 5 -> insert(bytes, at, java.util.Arrays.copyOfRange(bytes, at,
						at + random.nextInt(Math.min(16, bytes.length - at) + 1)));
				default -> insert(bytes, at, "[".repeat(1 + random.nextInt(2000)).getBytes(StandardCharsets.UTF_8));
			};
		}
		return bytes;
	}

	/** A native frame around {@code body}; now and then with a wrong length or a broken header. */
	private static byte[] frame(byte[] body, Random random) {
		int length = body.length;
		int choice = random.nextInt(20);
		if (choice == 0) {
			length = Math.max(0, length - 1 - random.nextInt(4));
		}
		else if (choice == 1) {
			length = length + 1 + random.nextInt(4);
		}
		else if (choice == 2) {
			length = random.nextInt();
		}
		return ByteBuffer.allocate(4 + body.length).putInt(length).put(body).array();
	}

	private static byte[] set(byte[] bytes, int at, byte value) {
		byte[] copy = bytes.clone();
		copy[at] = value;
		return copy;
	}

	private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
		byte[] copy = new byte[bytes.length + inserted.length];
		System.arraycopy(bytes, 0, copy, 0, at);
		System.arraycopy(inserted, 0, copy, at, inserted.length);
		System.arraycopy(bytes, at, copy, at + inserted.length, bytes.length - at);
		return copy;
	}

	private static byte[] remove(byte[] bytes, int at, int length) {
		byte[] copy = new byte[bytes.length - length];
		System.arraycopy(bytes, 0, copy, 0, at);
		System.arraycopy(bytes, at + length, copy, at, bytes.length - at - length);
		return copy;
	}

}
