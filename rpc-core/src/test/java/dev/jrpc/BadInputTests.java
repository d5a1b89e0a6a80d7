package dev.jrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.BlockingGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server answers to bytes that are not a good request, over plain sockets, in native
 * frames and in JSON stream mode: every error is answered with the right code, and a connection
 * is closed only when its byte stream can no longer be trusted.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputTests {

	private static final int MAX_FRAME_SIZE = 1024;

	private static final String GREET = Greeter.class.getName() + ".greet";

	private static final String ADD = Greeter.class.getName() + ".add";

	private static final String FAIL = Greeter.class.getName() + ".fail";

	private static final String ECHO = Greeter.class.getName() + ".echo";

	private static final String SLEEP = Greeter.class.getName() + ".sleep";

	private final BlockingGreeter greeter = new BlockingGreeter();

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxFrameSize(MAX_FRAME_SIZE)
			.addService(Greeter.class, this.greeter)
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.greeter.release();
		this.server.stop();
	}

	@Test
	void closesAConnectionWhoseFirstByteIsNeitherANativeFrameNorJsonAndKeepsServingOthers() {
		try (RawClient http = RawClient.connect(this.server.port())) {
			http.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(http.read()).isEqualTo(-1);
		}
		assertServesAGoodNativeRequest();
	}

	@Test
	void closesAConnectionThatStartsWithAFrameHeaderOf100MegabytesAsItsFirstByteIsNotZero() {
		// Native frames are capped below 16 MiB so that their first byte is 0x00: 100 MB starts with 0x06.
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrameHeader(100 * 1024 * 1024);
			assertThat(client.read()).isEqualTo(-1);
		}
		assertServesAGoodNativeRequest();
	}

	@Test
	void rejectsANativeFrameOverTheLimitFromItsHeaderAloneAndClosesTheConnection() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			// Only the header is sent: an answer proves the server did not wait for the body.
			client.sendFrameHeader(1024 * 1024);
			JsonNode response = client.readFrame();
			assertError(response, RpcErrorCodes.INVALID_REQUEST);
			assertThat(response.get("id").isNull()).isTrue();
			assertThat(response.at("/error/message").asString()).contains(String.valueOf(MAX_FRAME_SIZE));
			assertThat(client.read()).isEqualTo(-1);
		}
		assertServesAGoodNativeRequest();
	}

	@Test
	void rejectsAHeaderAnnouncing100MegabytesAfterAGoodFrameWithoutBufferingAndKeepsServingOthers() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(request(1, GREET, "[\"Ada\"]"));
			assertThat(client.readFrame().get("result").asString()).isEqualTo("Hello, Ada");
			// Frames are below 16 MiB, so a header starting 0x06 cannot be one: the stream is not native frames.
			client.sendFrameHeader(100 * 1024 * 1024);
			JsonNode response = client.readFrame();
			assertError(response, RpcErrorCodes.PARSE_ERROR);
			assertThat(response.get("error").get("message").asString()).contains("not a jrpc native frame");
			assertThat(response.get("id").isNull()).isTrue();
			assertThat(client.read()).isEqualTo(-1);
		}
		assertServesAGoodNativeRequest();
	}

	@Test
	void acceptsANativeFrameOfExactlyTheLimitAndRejectsOneByteMore() {
		String request = request(1, GREET, "[\"Ada\"]");
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(padTo(request, MAX_FRAME_SIZE));
			assertThat(client.readFrame().get("result").asString()).isEqualTo("Hello, Ada");
			client.sendFrame(padTo(request, MAX_FRAME_SIZE + 1));
			assertError(client.readFrame(), RpcErrorCodes.INVALID_REQUEST);
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void rejectsAJsonTextOverTheLimitBeforeItEndsAndClosesTheConnection() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			// The text never ends: an answer proves the server did not wait for its end.
			client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + ECHO + "\",\"params\":[\""
					+ "x".repeat(2 * MAX_FRAME_SIZE));
			JsonNode response = client.readJsonLine();
			assertError(response, RpcErrorCodes.INVALID_REQUEST);
			assertThat(response.get("id").isNull()).isTrue();
			assertThat(client.read()).isEqualTo(-1);
		}
		assertServesAGoodNativeRequest();
	}

	@Test
	void acceptsAJsonTextOfExactlyTheLimitAndRejectsOneByteMore() {
		String request = request(1, GREET, "[\"Ada\"]");
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(padTo(request, MAX_FRAME_SIZE));
			assertThat(client.readJsonLine().get("result").asString()).isEqualTo("Hello, Ada");
			client.send(padTo(request, MAX_FRAME_SIZE + 1));
			assertError(client.readJsonLine(), RpcErrorCodes.INVALID_REQUEST);
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void answersMalformedJsonInANativeFrameWithAParseErrorAndKeepsTheConnectionUsable() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
			JsonNode cutOff = client.readFrame();
			assertError(cutOff, RpcErrorCodes.PARSE_ERROR);
			assertThat(cutOff.get("id").isNull()).isTrue();

			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + GREET + "\",\"params\":[\"a\",]}");
			JsonNode badParams = client.readFrame();
			assertError(badParams, RpcErrorCodes.PARSE_ERROR);
			assertThat(badParams.get("id").isNull()).isTrue();

			client.sendFrame("not json at all");
			JsonNode garbage = client.readFrame();
			assertError(garbage, RpcErrorCodes.PARSE_ERROR);
			assertThat(garbage.get("id").isNull()).isTrue();

			client.sendFrame(request(4, GREET, "[\"still here\"]"));
			JsonNode good = client.readFrame();
			assertThat(good.get("id").asInt()).isEqualTo(4);
			assertThat(good.get("result").asString()).isEqualTo("Hello, still here");
		}
	}

	@Test
	void answersAJsonTextCutOffByTheEndOfTheStreamWithAParseErrorAndCloses() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + GREET + "\",\"params\":[\"Ad");
			client.shutdownOutput();
			JsonNode response = client.readJsonLine();
			assertError(response, RpcErrorCodes.PARSE_ERROR);
			assertThat(response.get("id").isNull()).isTrue();
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void answersANonJsonByteBetweenTextsWithAParseErrorAndCloses() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(request(1, GREET, "[\"Ada\"]") + "\n");
			assertThat(client.readJsonLine().get("result").asString()).isEqualTo("Hello, Ada");
			client.send("x" + request(2, GREET, "[\"Bo\"]") + "\n");
			JsonNode response = client.readJsonLine();
			assertError(response, RpcErrorCodes.PARSE_ERROR);
			assertThat(response.get("id").isNull()).isTrue();
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void answersTheRequestsReadBeforeANonJsonByteBeforeClosing() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(request(1, GREET, "[\"Ada\"]") + request(2, GREET, "[\"Bo\"]") + "x");
			List<String> answers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				JsonNode response = client.readJsonLine();
				answers.add(response.has("result") ? response.get("result").asString()
						: response.get("id") + " " + response.at("/error/code").asInt());
			}
			assertThat(answers).containsExactlyInAnyOrder("Hello, Ada", "Hello, Bo", "null -32700");
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void answersTheCallsInFlightBeforeClosingAfterAnOversizedFrame() throws InterruptedException {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(request(1, SLEEP, "[10000]"));
			assertThat(this.greeter.awaitStarted()).as("the call started").isTrue();
			client.sendFrameHeader(MAX_FRAME_SIZE + 1);
			JsonNode refused = client.readFrame();
			assertError(refused, RpcErrorCodes.INVALID_REQUEST);
			assertThat(refused.get("id").isNull()).isTrue();
			this.greeter.release();
			JsonNode answered = client.readFrame();
			assertThat(answered.get("id").asInt()).isEqualTo(1);
			assertThat(answered.get("result").asString()).isEqualTo("slept 10000");
			assertThat(client.read()).isEqualTo(-1);
		}
	}

	@Test
	void answersValidJsonThatIsNotARequestWithInvalidRequest() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":1}");
			JsonNode noMethod = client.readFrame();
			assertError(noMethod, RpcErrorCodes.INVALID_REQUEST);
			assertThat(noMethod.get("id").asInt()).isEqualTo(1);

			client.sendFrame("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"" + GREET + "\",\"params\":[\"Ada\"]}");
			JsonNode wrongVersion = client.readFrame();
			assertError(wrongVersion, RpcErrorCodes.INVALID_REQUEST);
			assertThat(wrongVersion.get("id").asInt()).isEqualTo(2);

			client.sendFrame("{\"id\":3,\"method\":\"" + GREET + "\",\"params\":[\"Ada\"]}");
			assertError(client.readFrame(), RpcErrorCodes.INVALID_REQUEST);

			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":42}");
			assertError(client.readFrame(), RpcErrorCodes.INVALID_REQUEST);

			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"" + GREET + "\",\"params\":\"Ada\"}");
			assertError(client.readFrame(), RpcErrorCodes.INVALID_REQUEST);

			client.sendFrame("42");
			JsonNode number = client.readFrame();
			assertError(number, RpcErrorCodes.INVALID_REQUEST);
			assertThat(number.get("id").isNull()).isTrue();

			client.sendFrame("\"" + GREET + "\"");
			assertError(client.readFrame(), RpcErrorCodes.INVALID_REQUEST);

			client.sendFrame(request(6, GREET, "[\"Ada\"]"));
			assertThat(client.readFrame().get("result").asString()).isEqualTo("Hello, Ada");
		}
	}

	@Test
	void answersValidJsonThatIsNotARequestWithInvalidRequestInStreamMode() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send("{\"jsonrpc\":\"2.0\",\"id\":\"a\"}\n");
			JsonNode noMethod = client.readJsonLine();
			assertError(noMethod, RpcErrorCodes.INVALID_REQUEST);
			assertThat(noMethod.get("id").asString()).isEqualTo("a");
			client.send("{\"jsonrpc\":\"2\",\"id\":\"b\",\"method\":\"" + GREET + "\",\"params\":[\"Ada\"]}\n");
			JsonNode wrongVersion = client.readJsonLine();
			assertError(wrongVersion, RpcErrorCodes.INVALID_REQUEST);
			assertThat(wrongVersion.get("id").asString()).isEqualTo("b");
		}
	}

	@Test
	void answersAnUnknownServiceOrMethodWithMethodNotFound() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(request(1, "com.example.Nothing.greet", "[\"Ada\"]"));
			JsonNode unknownService = client.readFrame();
			assertError(unknownService, RpcErrorCodes.METHOD_NOT_FOUND);
			assertThat(unknownService.get("id").asInt()).isEqualTo(1);
			assertThat(unknownService.at("/error/message").asString()).contains("com.example.Nothing");

			client.sendFrame(request(2, Greeter.class.getName() + ".shout", "[\"Ada\"]"));
			JsonNode unknownMethod = client.readFrame();
			assertError(unknownMethod, RpcErrorCodes.METHOD_NOT_FOUND);
			assertThat(unknownMethod.get("id").asInt()).isEqualTo(2);
			assertThat(unknownMethod.at("/error/message").asString()).contains("shout");

			// The methods of Object are never served.
			client.sendFrame(request(3, Greeter.class.getName() + ".hashCode", "[]"));
			assertError(client.readFrame(), RpcErrorCodes.METHOD_NOT_FOUND);
		}
	}

	@Test
	void answersWrongNumbersOrTypesOfParametersWithInvalidParamsNamingTheMethod() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			for (String params : new String[] { "[1]", "[1,2,3]", "[]", "[\"one\",2]", "[1,{\"a\":1}]", "[null,2]" }) {
				client.sendFrame(request(1, ADD, params));
				JsonNode response = client.readFrame();
				assertThat(response.at("/error/code").asInt()).as("error code for params %s", params)
					.isEqualTo(RpcErrorCodes.INVALID_PARAMS);
				assertThat(response.at("/error/message").asString()).as("message for params %s", params)
					.contains("Greeter.add");
				assertThat(response.get("id").asInt()).isEqualTo(1);
			}
			client.sendFrame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + ADD + "\"}");
			JsonNode noParams = client.readFrame();
			assertError(noParams, RpcErrorCodes.INVALID_PARAMS);
			assertThat(noParams.at("/error/message").asString()).contains("Greeter.add");

			client.sendFrame(request(3, ADD, "[2,3]"));
			assertThat(client.readFrame().get("result").asInt()).isEqualTo(5);
		}
	}

	@Test
	void answersAServiceExceptionWithAnApplicationErrorAndKeepsTheConnectionOpen() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(request(1, FAIL, "[\"boom\"]"));
			JsonNode response = client.readFrame();
			assertError(response, RpcErrorCodes.APPLICATION_ERROR);
			assertThat(response.get("id").asInt()).isEqualTo(1);
			assertThat(response.at("/error/data/exceptionTypeName").asString())
				.isEqualTo(IllegalStateException.class.getName());
			assertThat(response.at("/error/data/message").asString()).isEqualTo("boom");

			client.sendFrame(request(2, GREET, "[\"after\"]"));
			JsonNode next = client.readFrame();
			assertThat(next.get("id").asInt()).isEqualTo(2);
			assertThat(next.get("result").asString()).isEqualTo("Hello, after");
		}
	}

	@Test
	void answersAServiceExceptionWithAnApplicationErrorInStreamModeAndKeepsTheConnectionOpen() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(request("f", FAIL, "[\"boom\"]"));
			JsonNode response = client.readJsonLine();
			assertError(response, RpcErrorCodes.APPLICATION_ERROR);
			assertThat(response.get("id").asString()).isEqualTo("f");
			assertThat(response.at("/error/data/exceptionTypeName").asString())
				.isEqualTo(IllegalStateException.class.getName());
			assertThat(response.at("/error/data/message").asString()).isEqualTo("boom");

			client.send(request("g", GREET, "[\"after\"]"));
			assertThat(client.readJsonLine().get("result").asString()).isEqualTo("Hello, after");
		}
	}

	private void assertServesAGoodNativeRequest() {
		try (RawClient other = RawClient.connect(this.server.port())) {
			other.sendFrame(request(99, GREET, "[\"other\"]"));
			JsonNode response = other.readFrame();
			assertThat(response.get("id").asInt()).isEqualTo(99);
			assertThat(response.get("result").asString()).isEqualTo("Hello, other");
		}
	}

	private static void assertError(JsonNode response, int code) {
		assertThat(response.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(response.has("result")).as("has a result: %s", response).isFalse();
		assertThat(response.at("/error/code").asInt()).as("error code of %s", response).isEqualTo(code);
		assertThat(response.at("/error/message").isString()).isTrue();
	}

	/** {@code json} with spaces before its closing brace, to exactly {@code length} bytes of UTF-8. */
	private static String padTo(String json, int length) {
		int size = json.getBytes(StandardCharsets.UTF_8).length;
		assertThat(size).isLessThanOrEqualTo(length);
		return json.substring(0, json.length() - 1) + " ".repeat(length - size) + "}";
	}

}
