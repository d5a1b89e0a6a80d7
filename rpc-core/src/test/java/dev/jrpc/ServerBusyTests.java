package dev.jrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.BlockingGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A server whose workers are all taken refuses further calls at once, and serves again when one is free. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerBusyTests {

	private final BlockingGreeter greeter = new BlockingGreeter();

	private final ExecutorService callers = Executors.newSingleThreadExecutor();

	private RpcServer server;

	private RpcClient client;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.workerThreads(1)
			.queueCapacity(0)
			.addService(Greeter.class, this.greeter)
			.build();
		this.server.start();
		this.client = RpcClient.builder().build();
	}

	@AfterEach
	void stop() {
		this.greeter.release();
		this.callers.shutdownNow();
		this.client.close();
		this.server.stop();
	}

	@Test
	void refusesACallAsBusyWhileItsOnlyWorkerRunsAnotherAndServesAgainOnceItIsFree() throws Exception {
		Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + this.server.port());
		CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> remote.sleep(10_000), this.callers);
		assertThat(this.greeter.awaitStarted()).as("the slow call started").isTrue();
		assertThat(this.server.callsInFlight()).isEqualTo(1);
		assertThat(this.server.openConnections()).isEqualTo(1);

		assertThatThrownBy(() -> remote.greet("Ada")).isInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("Greeter.greet")
			.satisfies((ex) -> assertThat(((RpcRemoteException) ex).code()).isEqualTo(RpcErrorCodes.SERVER_BUSY));
		assertThat(this.server.callsRefusedBusy()).isEqualTo(1);
		assertThat(this.client.callsInFlight()).isEqualTo(1);

		this.greeter.release();
		assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slept 10000");
		// The worker hands back its thread just after the answer is written: wait for it, briefly.
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada"));
	}

}
