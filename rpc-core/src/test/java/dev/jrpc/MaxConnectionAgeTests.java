package dev.jrpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.testing.NamedReplica;
import dev.jrpc.testing.Replica;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that sends its connections away as they age, behind one address as behind a virtual IP:
 * the client reconnects, and no call fails, idempotent or not.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MaxConnectionAgeTests {

	@Test
	void connectionsSentAwayByAgeAreReplacedWithoutAFailedCall() throws Exception {
		Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
		AtomicInteger connections = new AtomicInteger();
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxConnectionAge(Duration.ofMillis(200))
			.addService(Replica.class, new NamedReplica("only", writes))
			.firstStep((channel) -> connections.incrementAndGet())
			.build();
		server.start();
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try (RpcClient client = RpcClient.builder().build()) {
			Replica replica = client.proxy(Replica.class).address("127.0.0.1:" + server.port()).build();
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger calls = new AtomicInteger();
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				callers.execute(() -> {
					for (int i = 0; running.get(); i++) {
						try {
							replica.write(thread + "-" + i, 1);
							calls.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failures.add(ex);
						}
					}
				});
			}
			Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> connections.get() >= 6 && calls.get() > 500);
			running.set(false);
			callers.shutdown();
			assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			assertThat(failures).as("failed calls").isEmpty();
			assertThat(writes.values()).as("every write ran once").allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
		}
		finally {
			callers.shutdownNow();
			server.stop();
		}
	}

}
