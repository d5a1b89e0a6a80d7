package dev.jrpc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.testing.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One-way calls and deadlines, through a real server and client. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallSemanticsTests {

	private final RecordingEvents events = new RecordingEvents();

	private RpcServer server;

	private RpcClient client;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.workerThreads(1)
			.queueCapacity(10)
			.addService(Events.class, this.events)
			.build();
		this.server.start();
		this.client = RpcClient.builder().build();
	}

	@AfterEach
	void stop() {
		this.events.release.countDown();
		this.client.close();
		this.server.stop();
	}

	@Test
	void aOneWayCallReturnsWithoutWaitingForTheServiceAndStillRuns() {
		Events proxy = proxy(Duration.ofSeconds(5));
		this.events.blockRecording = true;
		proxy.record("first");
		proxy.record("second");
		assertThat(this.events.recorded).isEmpty();
		this.events.release.countDown();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.events.recorded).containsExactly("first", "second"));
	}

	@Test
	void theServerDropsACallWhoseDeadlinePassedWhileItWaitedForAWorker() throws Exception {
		Events slow = proxy(Duration.ofSeconds(10));
		Events impatient = proxy(Duration.ofMillis(300));
		Thread holder = new Thread(slow::remainingAtStart);
		holder.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.started.get() == 1);
		// The only worker is busy: this call waits in the queue past its deadline.
		assertThatThrownBy(impatient::remainingAtStart).isInstanceOf(RpcTimeoutException.class);
		// The server's deadline falls a little after the client's, from when it read the call: the
		// worker is freed once the call no longer waits, else it could still take it.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.callsWaiting() == 0);
		this.events.release.countDown();
		holder.join(5000);
		// Calls run in order on the one worker: when this answers, the expired call was dropped, never started.
		assertThat(slow.recorded()).isZero();
		assertThat(this.events.started.get()).isEqualTo(1);
	}

	@Test
	void aServiceCanReadTheTimeItsCallerWillStillWait() {
		this.events.release.countDown();
		Duration remaining = proxy(Duration.ofSeconds(3)).remainingAtStart();
		assertThat(remaining).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3)).isGreaterThan(Duration.ofSeconds(1));
		assertThat(RpcContext.remainingTime()).isEmpty();
	}

	private Events proxy(Duration timeout) {
		return this.client.proxy(Events.class).address("127.0.0.1:" + this.server.port()).timeout(timeout).build();
	}

	static class RecordingEvents implements Events {

		final CopyOnWriteArrayList<String> recorded = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger started = new AtomicInteger();

		volatile boolean blockRecording;

		@Override
		public void record(String event) {
			if (this.blockRecording) {
				awaitRelease();
			}
			this.recorded.add(event);
		}

		@Override
		public Duration remainingAtStart() {
			this.started.incrementAndGet();
			Optional<Duration> remaining = RpcContext.remainingTime();
			awaitRelease();
			return remaining.orElseThrow();
		}

		@Override
		public int recorded() {
			return this.recorded.size();
		}

		private void awaitRelease() {
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
