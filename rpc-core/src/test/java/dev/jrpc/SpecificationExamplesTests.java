package dev.jrpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples of section 7 of the JSON-RPC 2.0 specification (jsonrpc.org/specification), each
 * request sent byte for byte as the specification writes it, in JSON stream mode, to a service
 * exported with plain method names. Each example has a connection of its own, whose sending side
 * is shut down after the request, so that the server answers and closes: what came back before the
 * end of the stream is everything the server answered.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpecificationExamplesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final RecordingExamples examples = new RecordingExamples();

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addPlainService(Examples.class, this.examples)
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void answersARequestWithPositionalParameters() {
		assertResult(exchangeOne("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}"), 1,
				19);
		assertResult(exchangeOne("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}"), 2,
				-19);
	}

	@Test
	void answersARequestWithNamedParametersWhateverTheirOrder() {
		assertResult(exchangeOne(
				"{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}"),
				3, 19);
		assertResult(exchangeOne(
				"{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}"),
				4, 19);
	}

	@Test
	void runsNotificationsAndAnswersNothingNotEvenForAnUnknownMethod() {
		List<JsonNode> responses = exchange("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}\n"
				+ "{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}");
		assertThat(responses).as("responses before the end of the stream").isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.examples.calls().contains("update(1, 2, 3, 4, 5)"));
	}

	@Test
	void answersACallOfAMethodThatDoesNotExistWithMethodNotFoundAndItsStringId() {
		JsonNode response = exchangeOne("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}");
		assertError(response, RpcErrorCodes.METHOD_NOT_FOUND);
		assertStringId(response, "1");
	}

	@Test
	void answersInvalidJsonWithAParseErrorAndANullId() {
		JsonNode response = exchangeOne("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]");
		assertError(response, RpcErrorCodes.PARSE_ERROR);
		assertNullId(response);
	}

	@Test
	void answersAnInvalidRequestObjectWithInvalidRequestAndANullId() {
		JsonNode response = exchangeOne("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}");
		assertError(response, RpcErrorCodes.INVALID_REQUEST);
		assertNullId(response);
	}

	@Test
	void answersABatchThatIsInvalidJsonWithOneParseErrorAndRunsNothing() {
		JsonNode response = exchangeOne("[\n"
				+ "  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
				+ "  {\"jsonrpc\": \"2.0\", \"method\"\n"
				+ "]");
		assertThat(response.isObject()).as("a single error object, not an array").isTrue();
		assertError(response, RpcErrorCodes.PARSE_ERROR);
		assertNullId(response);
		assertThat(this.examples.calls()).isEmpty();
	}

	@Test
	void answersAnEmptyArrayWithOneInvalidRequestError() {
		JsonNode response = exchangeOne("[]");
		assertThat(response.isObject()).as("a single error object, not an array").isTrue();
		assertError(response, RpcErrorCodes.INVALID_REQUEST);
		assertNullId(response);
	}

	@Test
	void answersABatchOfOneNumberWithAnArrayOfOneInvalidRequestError() {
		JsonNode response = exchangeOne("[1]");
		assertThat(response.isArray()).isTrue();
		assertThat(response.size()).isEqualTo(1);
		assertError(response.get(0), RpcErrorCodes.INVALID_REQUEST);
		assertNullId(response.get(0));
	}

	@Test
	void answersABatchOfThreeNumbersWithAnArrayOfThreeInvalidRequestErrors() {
		JsonNode response = exchangeOne("[1,2,3]");
		assertThat(response.isArray()).isTrue();
		assertThat(response.size()).isEqualTo(3);
		for (JsonNode element : response) {
			assertError(element, RpcErrorCodes.INVALID_REQUEST);
			assertNullId(element);
		}
	}

	@Test
	void answersAMixedBatchWithOneResponsePerRequestThatIsNotANotification() {
		JsonNode response = exchangeOne("[\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42,23], \"id\": \"2\"},\n"
				+ "        {\"foo\": \"boo\"},\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"},\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"} \n"
				+ "    ]");
		assertThat(response.isArray()).isTrue();
		assertThat(response.size()).isEqualTo(5);
		// The specification lets the responses come in any order: find each by its id.
		JsonNode sum = elementWithStringId(response, "1");
		assertThat(sum.get("result").asInt()).isEqualTo(7);
		JsonNode subtract = elementWithStringId(response, "2");
		assertThat(subtract.get("result").asInt()).isEqualTo(19);
		// With plain names, "foo.get" is just the name of a method that does not exist.
		assertError(elementWithStringId(response, "5"), RpcErrorCodes.METHOD_NOT_FOUND);
		JsonNode data = elementWithStringId(response, "9").get("result");
		assertThat(data.isArray()).isTrue();
		assertThat(data.size()).isEqualTo(2);
		assertThat(data.get(0).isString()).isTrue();
		assertThat(data.get(0).asString()).isEqualTo("hello");
		assertThat(data.get(1).isNumber()).isTrue();
		assertThat(data.get(1).asInt()).isEqualTo(5);
		List<JsonNode> withNullId = new ArrayList<>();
		response.forEach((element) -> {
			if (element.get("id").isNull()) {
				withNullId.add(element);
			}
		});
		assertThat(withNullId).as("the response to {\"foo\": \"boo\"}").hasSize(1);
		assertError(withNullId.get(0), RpcErrorCodes.INVALID_REQUEST);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.examples.calls().contains("notify_hello(7)"));
	}

	@Test
	void answersNothingToABatchOfNotificationsButRunsThem() {
		List<JsonNode> responses = exchange("[\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"notify_sum\", \"params\": [1,2,4]},\n"
				+ "        {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]}\n"
				+ "    ]");
		assertThat(responses).as("responses before the end of the stream").isEmpty();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.examples.calls().containsAll(List.of("notify_sum(1, 2, 4)", "notify_hello(7)")));
	}

	/** Sends {@code request} on a connection of its own and expects exactly one response. */
	private JsonNode exchangeOne(String request) {
		List<JsonNode> responses = exchange(request);
		assertThat(responses).as("responses to %s", request).hasSize(1);
		return responses.get(0);
	}

	/**
	 * Sends {@code requests} on a connection of its own, shuts its sending side, and returns every
	 * response line the server sent before it closed the connection.
	 */
	private List<JsonNode> exchange(String requests) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(requests).shutdownOutput();
			int b;
			while ((b = client.read()) != -1) {
				received.write(b);
			}
		}
		String text = received.toString(StandardCharsets.UTF_8);
		if (!text.isEmpty()) {
			assertThat(text).as("responses, each on a line of its own").endsWith("\n");
		}
		List<JsonNode> responses = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isEmpty()) {
				responses.add(this.json.readTree(line));
			}
		}
		return responses;
	}

	private static void assertResult(JsonNode response, int id, int result) {
		assertThat(response.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(response.get("id").isIntegralNumber()).as("a number id stays a number").isTrue();
		assertThat(response.get("id").asInt()).isEqualTo(id);
		assertThat(response.has("error")).isFalse();
		assertThat(response.get("result").isNumber()).isTrue();
		assertThat(response.get("result").asInt()).isEqualTo(result);
	}

	private static void assertError(JsonNode response, int code) {
		assertThat(response.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(response.has("result")).isFalse();
		assertThat(response.at("/error/code").asInt()).isEqualTo(code);
		assertThat(response.at("/error/message").isString()).isTrue();
	}

	private static void assertStringId(JsonNode response, String id) {
		assertThat(response.get("id").isString()).as("a string id stays a string").isTrue();
		assertThat(response.get("id").asString()).isEqualTo(id);
	}

	private static void assertNullId(JsonNode response) {
		assertThat(response.has("id")).isTrue();
		assertThat(response.get("id").isNull()).isTrue();
	}

	private static JsonNode elementWithStringId(JsonNode batchResponse, String id) {
		List<JsonNode> found = new ArrayList<>();
		batchResponse.forEach((element) -> {
			if (element.get("id").isString() && element.get("id").asString().equals(id)) {
				found.add(element);
			}
		});
		assertThat(found).as("responses with id \"%s\"", id).hasSize(1);
		return found.get(0);
	}

	/** The methods of the specification's examples, with their names on the wire. */
	public interface Examples {

		int subtract(int minuend, int subtrahend);

		int sum(int a, int b, int c);

		void update(int a, int b, int c, int d, int e);

		@RpcMethod("notify_hello")
		void notifyHello(int x);

		@RpcMethod("notify_sum")
		void notifySum(int a, int b, int c);

		@RpcMethod("get_data")
		List<Object> getData();

	}

	/** Computes what the specification says, and remembers every call but those of get_data. */
	static class RecordingExamples implements Examples {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public int subtract(int minuend, int subtrahend) {
			this.calls.add("subtract(%d, %d)".formatted(minuend, subtrahend));
			return minuend - subtrahend;
		}

		@Override
		public int sum(int a, int b, int c) {
			this.calls.add("sum(%d, %d, %d)".formatted(a, b, c));
			return a + b + c;
		}

		@Override
		public void update(int a, int b, int c, int d, int e) {
			this.calls.add("update(%d, %d, %d, %d, %d)".formatted(a, b, c, d, e));
		}

		@Override
		public void notifyHello(int x) {
			this.calls.add("notify_hello(" + x + ")");
		}

		@Override
		public void notifySum(int a, int b, int c) {
			this.calls.add("notify_sum(%d, %d, %d)".formatted(a, b, c));
		}

		@Override
		public List<Object> getData() {
			return List.of("hello", 5);
		}

		List<String> calls() {
			return List.copyOf(this.calls);
		}

	}

}
