package dev.jrpc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.CanaryFlag;
import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wire never chooses a Java class: class names sent where a server reads {@code Object} or
 * {@code Map} parameters, or where a client reads an {@code Object} result or an error's type, load
 * nothing, as a canary class whose static initialiser raises a flag proves. And the JSON read
 * limits answer hostile input with an error while the server goes on serving.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireSafetyTests {

	private static final String DESCRIBE = Inbox.class.getName() + ".describe";

	private static final String DESCRIBE_MAP = Inbox.class.getName() + ".describeMap";

	private RpcServer server;

	private RawClient client;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxFrameSize(64 * 1024)
			.addService(Inbox.class, new DescribingInbox())
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
	void classNamesSentToObjectAndMapParametersLoadNothing() {
		String canary = CanaryFlag.CANARY;
		List<String> payloads = List.of("{\"@class\":\"" + canary + "\",\"value\":\"x\"}",
				"{\"@type\":\"" + canary + "\",\"value\":\"x\"}", "[\"" + canary + "\",{\"value\":\"x\"}]",
				"{\"@c\":\"." + "Canary\",\"value\":\"x\"}", "[\"java.util.ArrayList\",[\"" + canary + "\",{}]]");
		int id = 0;
		for (String payload : payloads) {
			this.client.send(RawClient.request(++id, DESCRIBE, "[" + payload + "]"));
			JsonNode response = this.client.readJsonLine();
			assertThat(response.get("result").asString()).as(payload).startsWith("java.util.");
			if (payload.startsWith("{")) {
				this.client.send(RawClient.request(++id, DESCRIBE_MAP, "[" + payload + "]"));
				assertThat(this.client.readJsonLine().get("result").asString()).as(payload).startsWith("java.util.");
			}
		}
		assertThat(CanaryFlag.initialised).isFalse();
	}

	@Test
	void classNamesInAResponseLoadNothingOnTheClient() throws Exception {
		try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				RpcClient rpcClient = RpcClient.builder().build()) {
			Inbox inbox = rpcClient.proxy(Inbox.class)
				.address("127.0.0.1:" + fake.getLocalPort())
				.framing(RpcFraming.JSON_STREAM)
				.build();
			Thread server = new Thread(() -> answerTwice(fake));
			server.start();
			Object result = inbox.anything();
			assertThat(result).isInstanceOf(Map.class);
			assertThatThrownBy(inbox::anything).isExactlyInstanceOf(RpcRemoteException.class)
				.satisfies((ex) -> assertThat(((RpcRemoteException) ex).remoteType()).isEqualTo(CanaryFlag.CANARY));
			server.join(5000);
		}
		assertThat(CanaryFlag.initialised).isFalse();
	}

	@Test
	void aNestingBombGetsAnErrorAndTheServerGoesOn() {
		String bomb = "[".repeat(1000) + "]".repeat(1000);
		this.client.send(RawClient.request(1, DESCRIBE, "[" + bomb + "]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		assertThat(response.get("error").get("message").asString()).containsIgnoringCase("nesting depth");
		assertStillServing();
	}

	@Test
	void aTwoThousandDigitNumberGetsAnErrorAndTheServerGoesOn() {
		this.client.send(RawClient.request(1, DESCRIBE, "[" + "7".repeat(2000) + "]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		assertThat(response.get("error").get("message").asString()).containsIgnoringCase("number");
		assertStillServing();
	}

	@Test
	void aStringLargerThanTheFrameLimitGetsAnErrorAndTheServerGoesOn() {
		this.client.send(RawClient.request(1, DESCRIBE, "[\"" + "x".repeat(100 * 1024) + "\"]"));
		JsonNode response = this.client.readJsonLine();
		assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_REQUEST);
		try (RawClient other = RawClient.connect(this.server.port())) {
			other.send(RawClient.request(2, DESCRIBE, "[\"" + "y".repeat(1000) + "\"]"));
			assertThat(other.readJsonLine().get("result").asString()).isEqualTo("java.lang.String");
		}
	}

	private void assertStillServing() {
		this.client.send(RawClient.request(99, DESCRIBE, "[\"fine\"]"));
		assertThat(this.client.readJsonLine().get("result").asString()).isEqualTo("java.lang.String");
	}

	private static void answerTwice(ServerSocket fake) {
		String canary = CanaryFlag.CANARY;
		try (Socket socket = fake.accept()) {
			socket.setSoTimeout(5000);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			in.readLine();
			out.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"@class\":\"" + canary + "\",\"value\":\"x\"}}\n")
				.getBytes(StandardCharsets.UTF_8));
			in.readLine();
			out.write(("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32000,\"message\":\"boom\",\"data\":"
					+ "{\"exceptionTypeName\":\"" + canary + "\",\"message\":\"boom\"}}}\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (Exception ex) {
			// The client closed first: the assertions on its side tell what went wrong.
		}
	}

	/** A service that tells what Java type each argument became. */
	public interface Inbox {

		String describe(Object value);

		String describeMap(Map<String, Object> value);

		Object anything();

	}

	static class DescribingInbox implements Inbox {

		@Override
		public String describe(Object value) {
			return value.getClass().getName();
		}

		@Override
		public String describeMap(Map<String, Object> value) {
			return value.getClass().getName();
		}

		@Override
		public Object anything() {
			return Map.of();
		}

	}

}
