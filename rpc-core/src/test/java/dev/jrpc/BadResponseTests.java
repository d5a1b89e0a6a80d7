package dev.jrpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.jrpc.testing.ScriptedServer.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broken or hostile server answering the Java client: whatever it sends, the call fails soon
 * with an {@link RpcException} that says what was wrong, never a raw parser error, a hang or a
 * {@code StackOverflowError}, and the client goes on calling other servers. Each case prints its
 * figures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadResponseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static RpcServer good;

	private static RpcClient client;

	@BeforeAll
	static void start() {
		good = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, new DefaultGreeter()).build();
		good.start();
		client = RpcClient.builder().timeout(TIMEOUT).build();
	}

	@AfterAll
	static void stop() {
		client.close();
		good.stop();
	}

	static Stream<Arguments> badResponses() {
		Function<Greeter, Object> greet = (remote) -> remote.greet("Ada");
		Function<Greeter, Object> add = (remote) -> remote.add(1, 2);
		return Stream.of(
				bad("text that is not JSON", (id) -> frame("hello"), false, greet, RpcConnectionException.class,
						"not valid JSON-RPC"),
				bad("a JSON array", (id) -> frame("[1,2,3]"), false, greet, RpcConnectionException.class,
						"must be a JSON object"),
				bad("neither result nor error", (id) -> frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}"), false, greet,
						RpcProtocolException.class, "neither result nor error"),
				bad("a result of the wrong type", (id) -> frame(result(id, "\"seven\"")), false, add,
						RpcProtocolException.class, "does not fit the return type"),
				bad("an error that is not an object",
						(id) -> frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":\"boom\"}"), false, greet,
						RpcProtocolException.class, "not an object"),
				bad("an answer to an id never sent", (id) -> frame(result(id + 1000, "\"Hello\"")), false, greet,
						RpcTimeoutException.class, "no answer"),
				bad("a frame announcing 16 MiB", (id) -> new byte[] { 0, (byte) 0xff, (byte) 0xff, (byte) 0xff }, false,
						greet, RpcConnectionException.class, "frame limit"),
				bad("an HTTP response", (id) -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
						false, greet, RpcConnectionException.class, "not a jrpc native frame"),
				bad("half a frame, then the connection closed", (id) -> new byte[] { 0, 0, 1, 0, '{', '"' }, true, greet,
						RpcConnectionException.class, "lost"),
				bad("a member nested 100,000 deep",
						(id) -> frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"x\":" + "[".repeat(100_000)
								+ "]".repeat(100_000) + ",\"result\":\"Hello\"}"),
						false, greet, RpcProtocolException.class, "could not be read"),
				bad("an int result out of range", (id) -> frame(result(id, "3000000000")), false, add,
						RpcProtocolException.class, "does not fit the return type"),
				bad("a number of 100,000 digits", (id) -> frame(result(id, "1".repeat(100_000))), false, add,
						RpcProtocolException.class, "could not be read"),
				bad("bytes that are not UTF-8", (id) -> invalidUtf8Result(id), false, greet, RpcProtocolException.class,
						"could not be read"));
	}

	private static Arguments bad(String what, LongFunction<byte[]> answer, boolean thenClose,
			Function<Greeter, Object> call, Class<? extends RpcException> expected, String says) {
		return Arguments.of(what, answer, thenClose, call, expected, says);
	}

	private static String result(long id, String json) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + json + "}";
	}

	/** A response whose result string holds 0xC3 0x28, which no UTF-8 decoder accepts. */
	private static byte[] invalidUtf8Result(long id) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"Hello ").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(new byte[] { (byte) 0xc3, 0x28 });
		body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
		return frame(body.toByteArray());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badResponses")
	void aBadResponseFailsTheCallSoonSayingWhatWasWrong(String what, LongFunction<byte[]> answer, boolean thenClose,
			Function<Greeter, Object> call, Class<? extends RpcException> expected, String says) throws Exception {
		try (ScriptedServer server = thenClose ? ScriptedServer.answeringThenClosing(answer)
				: ScriptedServer.answering(answer)) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + server.port());

			long started = System.nanoTime();
			assertThatThrownBy(() -> call.apply(remote)).isInstanceOf(expected)
				.hasMessageContaining(says)
				.hasMessageContaining("127.0.0.1:" + server.port());
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.printf("bad responses: %s failed the call in %d ms with %s%n", what, millis,
					expected.getSimpleName());
			if (expected != RpcTimeoutException.class) {
				assertThat(millis).as("fails as soon as the answer is read, not at the timeout").isLessThan(1000);
			}
		}
		Greeter healthy = client.create(Greeter.class, "127.0.0.1:" + good.port());
		assertThat(healthy.greet("Grace")).as("the client goes on calling other servers").isEqualTo("Hello, Grace");
	}

	@Test
	void anAnswerSentTwiceCompletesTheCallOnceAndTheConnectionGoesOn() throws Exception {
		try (ScriptedServer server = ScriptedServer.answering((id) -> {
			byte[] once = frame(result(id, "\"Hello, Ada\""));
			byte[] twice = new byte[once.length * 2];
			System.arraycopy(once, 0, twice, 0, once.length);
			System.arraycopy(once, 0, twice, once.length, once.length);
			return twice;
		})) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + server.port());

			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			assertThat(server.connections()).as("the duplicate answer did not cost the connection").isEqualTo(1);
		}
	}

}
