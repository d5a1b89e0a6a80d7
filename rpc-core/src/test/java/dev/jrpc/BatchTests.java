package dev.jrpc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches, in both framings: one array of responses, none for notifications, and bounds. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchTests {

	private static final String GREET = Greeter.class.getName() + ".greet";

	private static final String BATCH = "[" + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + GREET + "\",\"params\":[\"a\"]},"
			+ "{\"jsonrpc\":\"2.0\",\"method\":\"" + GREET + "\",\"params\":[\"note\"]},"
			+ "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"nope.nothing\"},"
			+ "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + GREET + "\",\"params\":[\"c\"]}" + "]";

	private RpcServer server;

	private RawClient client;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxBatchSize(5)
			.addService(Greeter.class, new DefaultGreeter())
			.addService(Decimals.class, new Decimals() {
			})
			.build();
		this.server.start();
		this.client = RawClient.connect(this.server.port());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.stop();
	}

	@Test
	void answersABatchInStreamModeWithOneArrayAndNoEntryForNotifications() {
		this.client.send(BATCH);
		assertBatchAnswered(this.client.readJsonLine());
	}

	@Test
	void answersABatchInANativeFrame() {
		this.client.sendFrame(BATCH);
		assertBatchAnswered(this.client.readFrame());
	}

	@Test
	void answersNothingToABatchOfOnlyNotifications() {
		String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"" + GREET + "\",\"params\":[\"x\"]}";
		this.client.send("[" + notification + "," + notification + "]");
		this.client.send(RawClient.request(9, GREET, "[\"after\"]"));
		JsonNode next = this.client.readJsonLine();
		assertThat(next.get("id").asInt()).isEqualTo(9);
		assertThat(next.get("result").asString()).isEqualTo("Hello, after");
	}

	@Test
	void answersAnEmptyBatchWithOneInvalidRequestError() {
		this.client.send("[]");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.isObject()).isTrue();
		assertThat(response.get("id").isNull()).isTrue();
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
	}

	@Test
	void refusesABatchOverTheLimitWithOneError() {
		List<String> requests = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			requests.add(RawClient.request(i, GREET, "[\"n\"]"));
		}
		this.client.send("[" + String.join(",", requests) + "]");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.isObject()).isTrue();
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		assertThat(response.get("error").get("message").asString()).contains("more than 5");
		this.client.send(RawClient.request(7, GREET, "[\"still here\"]"));
		assertThat(this.client.readJsonLine().get("result").asString()).isEqualTo("Hello, still here");
	}

	@Test
	void answersEveryElementThatIsNotARequestWithItsOwnError() {
		this.client.send("[1,2,3]");
		JsonNode response = this.client.readJsonLine();
		assertThat(response.size()).isEqualTo(3);
		for (JsonNode element : response) {
			assertThat(element.get("id").isNull()).isTrue();
			assertThat(element.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		}
	}

	@Test
	void keepsNumbersExactlyAsSentInBatchesAndOverloads() {
		String same = Decimals.class.getName() + ".same";
		String add = Decimals.class.getName() + ".add";
		this.client.send("[" + RawClient.request(1, same, "[1.50]") + "]");
		assertThat(this.client.readLine()).contains("\"result\":1.50}");
		this.client.send(RawClient.request(2, add, "[1.50, 0.250]"));
		assertThat(this.client.readLine()).contains("\"result\":1.750}");
		this.client.send(RawClient.request(3, add, "{\"a\": -123456789012345678901234567890.000001}"));
		assertThat(this.client.readLine()).contains("\"result\":-123456789012345678901234567890.000001}");
	}

	/** Decimals, and an overload, to show that no number goes through a double. */
	public interface Decimals {

		default BigDecimal same(BigDecimal value) {
			return value;
		}

		default BigDecimal add(BigDecimal a) {
			return a;
		}

		default BigDecimal add(BigDecimal a, BigDecimal b) {
			return a.add(b);
		}

	}

	private static void assertBatchAnswered(JsonNode response) {
		assertThat(response.isArray()).isTrue();
		assertThat(response.size()).isEqualTo(3);
		List<String> seen = new ArrayList<>();
		for (JsonNode element : response) {
			JsonNode id = element.get("id");
			if (id.isString()) {
				assertThat(id.asString()).isEqualTo("two");
				assertThat(element.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.METHOD_NOT_FOUND);
				seen.add("two");
			}
			else {
				seen.add(id.asInt() + "=" + element.get("result").asString());
			}
		}
		assertThat(seen).containsExactlyInAnyOrder("1=Hello, a", "two", "3=Hello, c");
	}

}
