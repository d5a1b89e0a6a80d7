package dev.jrpc.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Thread-per-call workers, on platform threads here so that they run on any JDK. */
@Timeout(30)
class ThreadPerCallWorkersTests {

	private final AtomicInteger started = new AtomicInteger();

	private final ThreadFactory counting = (task) -> {
		this.started.incrementAndGet();
		Thread thread = new Thread(task, "call-" + this.started.get());
		thread.setDaemon(true);
		return thread;
	};

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ThreadPerCallWorkers> workers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.release.countDown();
		this.workers.forEach(ThreadPerCallWorkers::shutdownNow);
	}

	private ThreadPerCallWorkers workers(int maxRunning, int queueCapacity, ThreadFactory threads) {
		ThreadPerCallWorkers created = new ThreadPerCallWorkers(maxRunning, queueCapacity, threads);
		this.workers.add(created);
		return created;
	}

	private Runnable blocking(AtomicInteger running, AtomicInteger ran) {
		return () -> {
			running.incrementAndGet();
			try {
				this.release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			running.decrementAndGet();
			ran.incrementAndGet();
		};
	}

	@Test
	void runsAsManyBlockingTasksAtOnceAsItHasPermitsEachOnAThreadOfItsOwn() {
		ThreadPerCallWorkers workers = workers(3, 10, this.counting);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger ran = new AtomicInteger();
		for (int i = 0; i < 5; i++) {
			workers.execute(blocking(running, ran));
		}
		await().atMost(5, TimeUnit.SECONDS).until(() -> running.get() == 3);
		assertThat(this.started).as("one thread per task while permits last, no more").hasValue(3);

		this.release.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> ran.get() == 5);
		assertThat(this.started.get()).isBetween(3, 5);
	}

	@Test
	void refusesATaskBeyondItsPermitsAndQueue() {
		ThreadPerCallWorkers workers = workers(1, 1, this.counting);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger ran = new AtomicInteger();
		workers.execute(blocking(running, ran));
		workers.execute(blocking(running, ran));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> workers.execute(blocking(running, ran)));
	}

	@Test
	void aCancelledTaskNeverRunsAndFreesItsPlace() {
		ThreadPerCallWorkers workers = workers(1, 1, this.counting);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger ran = new AtomicInteger();
		workers.execute(blocking(running, ran));
		await().atMost(5, TimeUnit.SECONDS).until(() -> running.get() == 1);
		AtomicBoolean cancelledRan = new AtomicBoolean();
		Runnable cancelled = () -> cancelledRan.set(true);
		workers.execute(cancelled);

		assertThat(workers.cancel(cancelled)).isTrue();
		assertThat(workers.cancel(cancelled)).isFalse();
		workers.execute(blocking(running, ran));
		this.release.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> ran.get() == 2);
		assertThat(cancelledRan).isFalse();
	}

	@Test
	void aTaskThatThrowsAnErrorLeavesTheOthersToRun() {
		ThreadPerCallWorkers workers = workers(1, 5, this.counting);
		CountDownLatch first = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		workers.execute(() -> {
			awaitQuietly(first);
			throw new AssertionError("a failing call");
		});
		workers.execute(ran::incrementAndGet);
		workers.execute(ran::incrementAndGet);
		first.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> ran.get() == 2);
	}

	@Test
	void aTaskThatLeavesItsThreadInterruptedDoesNotInterruptTheNext() {
		ThreadPerCallWorkers workers = workers(1, 5, this.counting);
		CountDownLatch first = new CountDownLatch(1);
		AtomicBoolean nextInterrupted = new AtomicBoolean(true);
		CountDownLatch nextRan = new CountDownLatch(1);
		workers.execute(() -> {
			awaitQuietly(first);
			Thread.currentThread().interrupt();
		});
		workers.execute(() -> {
			nextInterrupted.set(Thread.currentThread().isInterrupted());
			nextRan.countDown();
		});
		first.countDown();
		awaitQuietly(nextRan);
		assertThat(nextInterrupted).isFalse();
		assertThat(this.started).as("the second task ran on the first one's thread").hasValue(1);
	}

	@Test
	void aThreadThatCannotBeMadeRefusesItsTaskAndKeepsNoPlace() {
		AtomicBoolean fail = new AtomicBoolean(true);
		ThreadPerCallWorkers workers = workers(1, 0, (task) -> {
			if (fail.getAndSet(false)) {
				throw new IllegalStateException("no threads today");
			}
			return this.counting.newThread(task);
		});
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> workers.execute(() -> {
		}));
		CountDownLatch ran = new CountDownLatch(1);
		workers.execute(ran::countDown);
		awaitQuietly(ran);
		assertThat(ran.getCount()).isZero();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
