package dev.jrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many connections sending messages near the frame limit at once, over plain sockets, into a server
 * whose inbound buffer budget holds two of them: every message is read in turn and answered, and a
 * small call from another connection is served during the burst. Prints its figures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeMessageFloodTests {

	private static final int FRAME_LIMIT = 4 * 1024 * 1024;

	private static final int MESSAGE = FRAME_LIMIT - 1024;

	private static final int CONNECTIONS = 16;

	/** Measures what it is sent. */
	public interface Sink {

		int size(String text);

		String hello();

	}

	private RpcServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void largeMessagesFromManyConnectionsAreReadInTurnWhileSmallCallsGoOn() throws Exception {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxFrameSize(FRAME_LIMIT)
			.maxInboundBuffer(2L * FRAME_LIMIT + 1024)
			.addService(Sink.class, new Sink() {

				@Override
				public int size(String text) {
					return text.length();
				}

				@Override
				public String hello() {
					return "hello";
				}

			})
			.build();
		this.server.start();
		String big = request(1, Sink.class.getName() + ".size", "[\"" + "x".repeat(MESSAGE - 100) + "\"]");
		long started = System.nanoTime();
		List<CompletableFuture<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			answers.add(CompletableFuture.supplyAsync(() -> {
				try (RawClient client = RawClient.connect(this.server.port())) {
					client.sendFrame(big);
					return client.readFrame().get("result").asInt();
				}
			}, (task) -> new Thread(task, "flood").start()));
		}
		long smallMillis;
		try (RawClient small = RawClient.connect(this.server.port())) {
			long sent = System.nanoTime();
			small.sendFrame(request(2, Sink.class.getName() + ".hello", "[]"));
			assertThat(small.readFrame().get("result").asString()).isEqualTo("hello");
			smallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
		}
		for (CompletableFuture<Integer> answer : answers) {
			assertThat(answer.get(50, TimeUnit.SECONDS)).isEqualTo(MESSAGE - 100);
		}
		System.out.printf("large messages: %d connections sent %d KiB each through a budget of two messages;"
				+ " all answered in %d ms; a small call during the burst took %d ms%n", CONNECTIONS, MESSAGE / 1024,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), smallMillis);
	}

	@Test
	void aBudgetSmallerThanTheFrameLimitFailsAtBuildTimeNamingBothProperties() {
		RpcServer.Builder builder = RpcServer.builder().maxFrameSize(FRAME_LIMIT).maxInboundBuffer(FRAME_LIMIT - 1);
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(builder::build)
			.withMessageContaining("rpc.server.max-inbound-buffer")
			.withMessageContaining("rpc.server.max-frame-size");
	}

}
