package dev.jrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import dev.jrpc.testing.RecordingGreeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that is not jrpc, such as {@code nc}, sending JSON texts to the server's port: ids come
 * back as they were sent, each request gets one line, parameters bind by position or by name, and
 * notifications get nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonStreamModeTests {

	private static final String GREET = Greeter.class.getName() + ".greet";

	private static final String ECHO = Greeter.class.getName() + ".echo";

	private static final String ITEM = Greeter.class.getName() + ".item";

	private final JsonMapper json = JsonMapper.builder().build();

	private final RecordingGreeter greeter = new RecordingGreeter();

	private RpcServer server;

	private RawClient client;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, this.greeter).build();
		this.server.start();
		this.client = RawClient.connect(this.server.port());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.stop();
	}

	@Test
	void echoesAStringIdAsAString() {
		this.client.send(request("42", GREET, "[\"Ada\"]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("id").isString()).isTrue();
		assertThat(response.get("id").asString()).isEqualTo("42");
		assertThat(response.get("result").asString()).isEqualTo("Hello, Ada");
	}

	@Test
	void echoesANumberIdAsANumber() {
		this.client.send(request(42, GREET, "[\"Ada\"]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("id").isNumber()).isTrue();
		assertThat(response.get("id").asInt()).isEqualTo(42);
	}

	@Test
	void echoesANumberIdTooLargeForALongWithAllItsDigits() {
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890123,\"method\":\"" + GREET
				+ "\",\"params\":[\"Ada\"]}");
		String line = this.client.readLine();
		assertThat(line).contains("\"id\":12345678901234567890123,");
	}

	@Test
	void echoesANullIdAsNull() {
		this.client.send(request(null, GREET, "[\"Ada\"]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("id").isNull()).isTrue();
		assertThat(response.get("result").asString()).isEqualTo("Hello, Ada");
	}

	@Test
	void answersEachOfSeveralRequestsSentBackToBackWithoutNewlinesOnItsOwnLine() {
		this.client.send(request(1, GREET, "[\"a\"]") + request(2, GREET, "[\"b\"]") + request(3, GREET, "[\"c\"]"));
		List<String> results = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String line = this.client.readLine();
			assertThat(line).as("a compact JSON text").startsWith("{\"jsonrpc\":\"2.0\",").doesNotContain("\r", " :", ": ");
			JsonNode response = this.json.readTree(line);
			results.add(response.get("id").asInt() + "=" + response.get("result").asString());
		}
		assertThat(results).containsExactlyInAnyOrder("1=Hello, a", "2=Hello, b", "3=Hello, c");
	}

	@Test
	void answersRequestsSplitAcrossWritesWithWhitespaceAndNewlinesBetweenThem() {
		String first = request(1, ECHO, "[\"{[\\\"]}\"]");
		this.client.send("  \r\n\t" + first.substring(0, 10));
		this.client.send(first.substring(10) + "\n\n  ");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("id").asInt()).isEqualTo(1);
		assertThat(response.get("result").asString()).isEqualTo("{[\"]}");
		this.client.send("\t" + request(2, ECHO, "[\"two\"]") + " ");
		assertThat(this.client.readJsonLine().get("result").asString()).isEqualTo("two");
	}

	@Test
	void bindsNamedParametersByNameWhateverTheirOrder() {
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + ITEM
				+ "\",\"params\":{\"date\":\"2024-02-29\",\"name\":\"xyz\"}}");
		JsonNode result = this.client.readJsonLine().get("result");
		assertThat(result.get("name").asString()).isEqualTo("xyz");
		assertThat(result.get("count").asInt()).isEqualTo(3);
		assertThat(result.get("date").asString()).isEqualTo("2024-02-29");
	}

	@Test
	void answersAnUnknownParameterNameWithInvalidParams() {
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + ITEM
				+ "\",\"params\":{\"name\":\"xyz\",\"when\":\"2024-02-29\"}}");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("id").asInt()).isEqualTo(1);
		assertThat(response.at("/error/code").asInt()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
		assertThat(response.at("/error/message").asString()).contains("Greeter.item").contains("'when'");
	}

	@Test
	void bindsANamedReferenceParameterLeftOutAsNullAndRefusesALeftOutPrimitive() {
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + GREET + "\",\"params\":{}}");
		assertThat(this.client.readJsonLine().get("result").asString()).isEqualTo("Hello, null");
		String add = Greeter.class.getName() + ".add";
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + add + "\",\"params\":{\"a\":1}}");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.at("/error/code").asInt()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
		assertThat(response.at("/error/message").asString()).contains("Greeter.add").contains("'b'");
	}

	@Test
	void ignoresPropertiesTheServerDoesNotKnowSoThatANewerClientStillTalksToAnOlderServer() {
		this.client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + Greeter.class.getName()
				+ ".items\",\"params\":[[{\"name\":\"a\",\"count\":1,\"date\":\"2024-01-01\",\"colour\":\"red\"}]]}");
		JsonNode result = this.client.readJsonLine().get("result");
		assertThat(result.get(0).get("name").asString()).isEqualTo("a");
		assertThat(result.get(0).has("colour")).isFalse();
	}

	@Test
	void sendsNoResponseToNotifications() {
		// A call that runs, one that throws, one that cannot run: none of them is answered.
		this.client.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + ECHO + "\",\"params\":[\"noted\"]}");
		this.client.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + Greeter.class.getName() + ".fail\",\"params\":[\"x\"]}");
		this.client.send("{\"jsonrpc\":\"2.0\",\"method\":\"" + Greeter.class.getName() + ".nothing\",\"params\":[]}");
		this.client.send(request(1, GREET, "[\"Ada\"]"));
		// With its input closed, the server answers what is in flight and then closes.
		this.client.shutdownOutput();
		JsonNode first = this.client.readJsonLine();
		assertThat(first.get("id").asInt()).isEqualTo(1);
		assertThat(first.get("result").asString()).isEqualTo("Hello, Ada");
		assertThat(this.client.read()).as("the end of the stream, after one response").isEqualTo(-1);
		assertThat(this.greeter.echoed()).containsExactly("noted");
	}

}
