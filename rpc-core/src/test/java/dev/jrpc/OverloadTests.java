package dev.jrpc;

import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose workers are all busy, over plain sockets: a quiet connection's call runs as soon
 * as a worker frees up, however many calls a busy connection has queued, and is never refused for
 * them; a call whose deadline passes while it waits is answered at that moment. Each test prints
 * its figures.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OverloadTests {

	private static final String GREET = Greeter.class.getName() + ".greet";

	private static final String SLEEP = Greeter.class.getName() + ".sleep";

	private RpcServer server;

	private void start(int workers, int queueCapacity) {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.workerThreads(workers)
			.queueCapacity(queueCapacity)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void aQuietConnectionIsServedAsSoonAsAWorkerFreesUpAndNeverRefusedBecauseOfABusyOne() {
		start(2, 6);
		try (RawClient busy = RawClient.connect(this.server.port());
				RawClient quiet = RawClient.connect(this.server.port())) {
			StringBuilder flood = new StringBuilder();
			// Calls of 2 s: the quiet call must arrive while the first two still run, even on a slow machine.
			for (int id = 1; id <= 20; id++) {
				flood.append(request(id, SLEEP, "[2000]")).append('\n');
			}
			// JSON stream mode: the 20 requests leave in one write.
			busy.send(flood.toString());
			// The first answer, a refusal, shows every request of the flood has been read.
			JsonNode first = busy.readJsonLine();

			long started = System.nanoTime();
			quiet.send(request(1, GREET, "[\"Ada\"]") + "\n");
			JsonNode answer = quiet.readJsonLine();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			int refused = (first.has("error") ? 1 : 0);
			for (int i = 1; i < 20; i++) {
				JsonNode response = busy.readJsonLine();
				if (response.has("error")) {
					assertThat(response.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.SERVER_BUSY);
					refused++;
				}
			}
			System.out.printf("overload: a quiet connection's call was answered in %d ms behind 20 calls of 2000 ms"
					+ " from a busy one on 2 workers and 6 places; %d of the busy calls were refused%n", millis,
					refused);
			assertThat(answer.get("result").asString()).isEqualTo("Hello, Ada");
			// In arrival order it would wait for the 6 queued calls, 6 s more on 2 workers.
			assertThat(millis).as("one round of slow calls at most, not the whole queue").isLessThan(5000);
			// 12 refused on arrival, and the newest queued one gave its place to the quiet call.
			assertThat(refused).isEqualTo(20 - 8 + 1);
		}
	}

	@Test
	void aCallWhoseDeadlinePassesWhileItWaitsForAWorkerIsAnsweredThen() {
		start(1, 10);
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendFrame(request(1, SLEEP, "[1500]"));
			long started = System.nanoTime();
			client.sendFrame(request(2, GREET, "[\"Ada\"]").replace("}", ",\"timeout\":200}"));

			JsonNode expired = client.readFrame();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			System.out.printf("overload: a call with a 200 ms timeout waiting behind a 1500 ms one was answered after"
					+ " %d ms%n", millis);
			assertThat(expired.get("id").asInt()).isEqualTo(2);
			assertThat(expired.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.DEADLINE_EXCEEDED);
			assertThat(millis).isBetween(150L, 1000L);
			assertThat(client.readFrame().get("result").asString()).isEqualTo("slept 1500");
		}
	}

}
