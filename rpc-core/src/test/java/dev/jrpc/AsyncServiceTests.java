package dev.jrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A service that answers with a future: its call is answered when the future completes, and the
 * worker thread is free in the meantime.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncServiceTests {

	private final PendingLookups lookups = new PendingLookups();

	private RpcServer server;

	private RpcClient client;

	private Lookups remote;

	@BeforeEach
	void start() {
		// One worker and no queue: a call that held the worker would make every other call busy.
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.workerThreads(1)
			.queueCapacity(0)
			.addService(Lookups.class, this.lookups)
			.build();
		this.server.start();
		this.client = RpcClient.builder().build();
		this.remote = this.client.proxy(Lookups.class)
			.address("127.0.0.1:" + this.server.port())
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	@AfterEach
	void stop() {
		this.lookups.pending.complete("released");
		this.client.close();
		this.server.stop();
	}

	@Test
	void answersWhenTheFutureCompletesWithoutHoldingAWorkerMeanwhile() throws Exception {
		CompletableFuture<String> later = this.remote.later().toCompletableFuture();
		assertThat(later).isNotDone();
		// Were the worker held until the future completes, every other call would stay busy.
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.remote.now()).isEqualTo("now"));
		assertThat(later).isNotDone();
		this.lookups.pending.complete("done");
		assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done");
	}

	@Test
	void reportsAFutureCompletedExceptionallyAsTheServiceException() {
		CompletableFuture<String> later = this.remote.later().toCompletableFuture();
		this.lookups.pending.completeExceptionally(new IllegalStateException("no luck"));
		assertThatThrownBy(() -> later.get(5, TimeUnit.SECONDS)).cause()
			.isExactlyInstanceOf(IllegalStateException.class)
			.hasMessage("no luck");
	}

	/** A service with an asynchronous and a plain method. */
	public interface Lookups {

		CompletionStage<String> later();

		String now();

	}

	static class PendingLookups implements Lookups {

		final CompletableFuture<String> pending = new CompletableFuture<>();

		@Override
		public CompletionStage<String> later() {
			return this.pending;
		}

		@Override
		public String now() {
			return "now";
		}

	}

}
