package dev.jrpc;

import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of graceful stops: restarting every server of a service in turn, under steady load,
 * fails no call, idempotent or not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RollingRestartTests {

	private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

	private final List<RpcServer> servers = new ArrayList<>();

	private final RpcClient client = RpcClient.builder().build();

	private final ExecutorService callers = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
		this.client.close();
		this.servers.forEach(RpcServer::stop);
	}

	private RpcServer server(String name, int port) {
		return RpcServer.builder()
			.address("127.0.0.1")
			.port(port)
			.shutdownGracePeriod(Duration.ofSeconds(5))
			.addService(Replica.class, new NamedReplica(name, this.writes))
			.build();
	}

	@Test
	void aRollingRestartOfThreeServersUnderLoadFailsNoCall() throws Exception {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RpcServer server = server("server-" + i, 0);
			server.start();
			this.servers.add(server);
			addresses.add("127.0.0.1:" + server.port());
		}
		Replica replica = this.client.proxy(Replica.class).address(String.join(",", addresses)).build();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger calls = new AtomicInteger();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			this.callers.execute(() -> {
				int i = 0;
				while (running.get()) {
					try {
						if (i % 2 == 0) {
							replica.write("t" + thread + "-" + i, 2);
						}
						else {
							replica.nameAfter(2);
						}
						calls.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failures.add(ex);
					}
					i++;
				}
			});
		}
		Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() > 200);

		for (int i = 0; i < 3; i++) {
			RpcServer old = this.servers.get(i);
			int port = old.port();
			old.stop();
			int before = calls.get();
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() > before + 100);
			RpcServer restarted = server("server-" + i, port);
			restarted.start();
			this.servers.set(i, restarted);
			int after = calls.get();
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() > after + 100);
		}
		running.set(false);
		this.callers.shutdown();
		assertThat(this.callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		assertThat(failures).as("failed calls").isEmpty();
		assertThat(calls.get()).isGreaterThan(800);
		assertThat(this.writes.values()).as("every write ran exactly once")
			.allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

}
