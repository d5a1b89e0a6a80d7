package dev.jrpc;

import java.time.Duration;
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

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that hold a connection and send little, over plain sockets: a connection that never
 * begins a message, one that trickles a request or sends half of one, and one left idle are each
 * closed by their timeout, while a good client is served throughout. Each test prints how long the
 * server took.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SlowPeerTests {

	private static final Duration FIRST_BYTE_TIMEOUT = Duration.ofMillis(300);

	private static final Duration MESSAGE_READ_TIMEOUT = Duration.ofMillis(600);

	private static final Duration IDLE_TIMEOUT = Duration.ofMillis(900);

	private static final String GREET = Greeter.class.getName() + ".greet";

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.firstByteTimeout(FIRST_BYTE_TIMEOUT)
			.messageReadTimeout(MESSAGE_READ_TIMEOUT)
			.idleTimeout(IDLE_TIMEOUT)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void connectionsThatSendNothingAreClosedAfterTheFirstByteTimeout() {
		List<RawClient> silent = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			silent.add(RawClient.connect(this.server.port()));
		}
		for (RawClient client : silent) {
			assertThat(client.read()).isEqualTo(-1);
			client.close();
		}
		long millis = millisSince(started);
		System.out.printf("slow peers: 20 silent connections closed %d ms after they opened (first-byte timeout %d ms)%n",
				millis, FIRST_BYTE_TIMEOUT.toMillis());
		assertThat(millis).isGreaterThanOrEqualTo(FIRST_BYTE_TIMEOUT.toMillis() - 50);
		assertServesAGoodClient();
	}

	@Test
	void aRequestTrickledOneByteAtATimeIsCutOffAfterTheMessageReadTimeout() throws InterruptedException {
		try (RawClient slowloris = RawClient.connect(this.server.port())) {
			byte[] frame = frame(request(1, GREET, "[\"Ada\"]"));
			long started = System.nanoTime();
			int sent = 0;
			boolean closed = false;
			while (sent < frame.length && !closed) {
				try {
					slowloris.send(new byte[] { frame[sent++] });
				}
				catch (RuntimeException ex) {
					closed = true;
				}
				Thread.sleep(50);
				closed |= millisSince(started) > 5000;
			}
			assertThat(slowloris.read()).isEqualTo(-1);
			long millis = millisSince(started);
			System.out.printf("slow peers: a request sent one byte every 50 ms was cut off after %d ms and %d of its"
					+ " %d bytes (message read timeout %d ms)%n", millis, sent, frame.length,
					MESSAGE_READ_TIMEOUT.toMillis());
			assertThat(sent).isLessThan(frame.length);
			assertThat(millis).isGreaterThanOrEqualTo(MESSAGE_READ_TIMEOUT.toMillis() - 50);
		}
		assertServesAGoodClient();
	}

	@Test
	void halfARequestInEitherFramingIsCutOffAfterTheMessageReadTimeout() {
		byte[] frame = frame(request(1, GREET, "[\"Ada\"]"));
		try (RawClient nativeClient = RawClient.connect(this.server.port());
				RawClient jsonClient = RawClient.connect(this.server.port())) {
			long started = System.nanoTime();
			nativeClient.send(java.util.Arrays.copyOf(frame, frame.length / 2));
			jsonClient.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"met");
			assertThat(nativeClient.read()).isEqualTo(-1);
			assertThat(jsonClient.read()).isEqualTo(-1);
			System.out.printf("slow peers: half requests, native and JSON, closed after %d ms%n", millisSince(started));
		}
	}

	@Test
	void aConnectionLeftIdleAfterItsCallsIsSentAwayAfterTheIdleTimeout() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			long started = System.nanoTime();
			client.sendFrame(request(1, GREET, "[\"Ada\"]"));
			assertThat(client.readFrame().get("result").asString()).isEqualTo("Hello, Ada");
			assertThat(client.readFrame().get("method").asString()).isEqualTo("rpc.goaway");
			long millis = millisSince(started);
			assertThat(client.read()).as("closed once the goaway has lingered").isEqualTo(-1);
			System.out.printf("slow peers: an idle connection was sent away %d ms after its call (idle timeout %d ms)%n",
					millis, IDLE_TIMEOUT.toMillis());
			assertThat(millis).isGreaterThanOrEqualTo(IDLE_TIMEOUT.toMillis());
		}
	}

	@Test
	void anIdleJsonStreamConnectionIsClosedAfterTheIdleTimeout() {
		try (RawClient client = RawClient.connect(this.server.port())) {
			long started = System.nanoTime();
			client.send(request(1, GREET, "[\"Ada\"]") + "\n");
			assertThat(client.readJsonLine().get("result").asString()).isEqualTo("Hello, Ada");
			assertThat(client.read()).isEqualTo(-1);
			assertThat(millisSince(started)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.toMillis());
		}
	}

	private void assertServesAGoodClient() {
		try (RawClient good = RawClient.connect(this.server.port())) {
			good.sendFrame(request(2, GREET, "[\"Grace\"]"));
			assertThat(good.readFrame().get("result").asString()).isEqualTo("Hello, Grace");
		}
	}

	private static byte[] frame(String json) {
		byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

	private static long millisSince(long started) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

}
