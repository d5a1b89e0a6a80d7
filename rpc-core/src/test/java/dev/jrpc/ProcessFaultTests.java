package dev.jrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.ServerProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a client meets when the server's process dies or freezes, with the server in a JVM of its
 * own ({@link ServerProcess}): killed mid-call, every call in flight fails at once and the first
 * call after a restart succeeds; frozen ({@code SIGSTOP}), the keepalive finds it long before the
 * calls' timeouts, and once thawed it is called again. Each test prints its figures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessFaultTests {

	private static final int CALLS = 8;

	private final ExecutorService callers = Executors.newFixedThreadPool(CALLS);

	private final RpcClient client = RpcClient.builder()
		.timeout(Duration.ofSeconds(20))
		.keepaliveInterval(Duration.ofSeconds(1))
		.keepaliveTimeout(Duration.ofSeconds(1))
		.build();

	@AfterEach
	void close() {
		this.callers.shutdownNow();
		this.client.close();
	}

	@Test
	void killedMidCallEveryCallInFlightFailsAtOnceAndTheFirstCallAfterARestartSucceeds() throws Exception {
		int port;
		Greeter remote;
		List<CompletableFuture<String>> calls = new ArrayList<>();
		long killed;
		try (ServerProcess server = ServerProcess.start(0)) {
			port = server.port();
			remote = this.client.create(Greeter.class, "127.0.0.1:" + port);
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			for (int i = 0; i < CALLS; i++) {
				calls.add(CompletableFuture.supplyAsync(() -> remote.sleep(15_000), this.callers));
			}
			server.awaitSleeping(CALLS);

			server.kill();
			// Once the process has ended: the time it takes to die is the system's, not the client's.
			killed = System.nanoTime();
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).get(5,
				TimeUnit.SECONDS);
		long failedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
		for (CompletableFuture<String> call : calls) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(call::get)
				.havingCause()
				.isInstanceOf(RpcConnectionException.class)
				.withMessageContaining("lost");
		}

		try (ServerProcess restarted = startAgain(port)) {
			long started = System.nanoTime();
			assertThat(remote.greet("Grace")).isEqualTo("Hello, Grace");
			long firstCallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.printf("process faults: %d calls in flight failed %d ms after SIGKILL; the first call after the"
					+ " restart took %d ms%n", CALLS, failedMillis, firstCallMillis);
			assertThat(failedMillis).as("the calls in flight fail within 1 s of the kill").isLessThan(1000);
		}
	}

	@Test
	void aFrozenServerIsFoundByTheKeepaliveAndCalledAgainOnceThawed() throws Exception {
		try (ServerProcess server = ServerProcess.start(0)) {
			Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + server.port());
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> remote.sleep(3000), this.callers);
			server.awaitSleeping(1);

			long frozen = System.nanoTime();
			server.freeze();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> call.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(RpcConnectionException.class)
				.withMessageContaining("keepalive");
			long foundMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen);

			server.thaw();
			long thawed = System.nanoTime();
			// The connection that was given up is the client's to reopen: its rest after a failure ends,
			// or a call makes a fresh attempt.
			Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(remote.greet("Grace"))
				.isEqualTo("Hello, Grace"));
			long backMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thawed);
			System.out.printf("process faults: a call in flight to a server frozen by SIGSTOP failed after %d ms (its"
					+ " timeout 20 s, keepalive 1 s + 1 s); once thawed, a call succeeded after %d ms%n", foundMillis,
					backMillis);
			assertThat(foundMillis).isLessThan(5000);
		}
	}

	/** The port the killed server held may take a moment to be free again. */
	private static ServerProcess startAgain(int port) {
		return Awaitility.await()
			.atMost(10, TimeUnit.SECONDS)
			.ignoreExceptions()
			.until(() -> ServerProcess.start(port), (started) -> true);
	}

}
