package dev.jrpc.internal.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class WorkerPoolTests {

	private final List<WorkerPool> pools = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopPools() throws InterruptedException {
		this.release.countDown();
		for (WorkerPool pool : this.pools) {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void runsEveryTaskExactlyOnceWhenManyThreadsSubmitAtOnce() throws InterruptedException {
		WorkerPool pool = pool(4, 100_000, Duration.ofSeconds(60));
		int submitters = 4;
		int tasksEach = 20_000;
		AtomicIntegerArray runs = new AtomicIntegerArray(submitters * tasksEach);
		CountDownLatch done = new CountDownLatch(submitters * tasksEach);
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < submitters; s++) {
			int first = s * tasksEach;
			Thread thread = new Thread(() -> {
				for (int i = first; i < first + tasksEach; i++) {
					int task = i;
					pool.execute(() -> {
						runs.incrementAndGet(task);
						done.countDown();
					});
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(done.await(20, TimeUnit.SECONDS)).as("every task ran").isTrue();
		for (int i = 0; i < runs.length(); i++) {
			assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
		}
		assertThat(pool.threadCount()).isBetween(1, 4);
	}

	@Test
	void aTaskThatBlocksDoesNotHoldBackTheTasksQueuedBehindIt() throws InterruptedException {
		WorkerPool pool = pool(4, 10, Duration.ofSeconds(60));
		CountDownLatch started = new CountDownLatch(4);
		for (int i = 0; i < 4; i++) {
			pool.execute(() -> {
				started.countDown();
				awaitRelease();
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).as("all four blocking tasks run at once").isTrue();
		assertThat(pool.threadCount()).isEqualTo(4);
	}

	@Test
	void refusesATaskBeyondItsThreadsAndQueueAndAcceptsOnceOneEnds() throws InterruptedException {
		WorkerPool pool = pool(2, 3, Duration.ofSeconds(60));
		CountDownLatch ended = new CountDownLatch(5);
		for (int i = 0; i < 5; i++) {
			pool.execute(() -> {
				awaitRelease();
				ended.countDown();
			});
		}
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> {
		})).withMessage("All 2 worker threads are busy and 3 tasks wait already");
		this.release.countDown();
		assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
		CountDownLatch later = new CountDownLatch(1);
		executeWhenAccepted(pool, later::countDown);
		assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void withNoQueueRunsAsManyTasksAsItHasThreads() throws InterruptedException {
		WorkerPool pool = pool(2, 0, Duration.ofSeconds(60));
		CountDownLatch started = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			pool.execute(() -> {
				started.countDown();
				awaitRelease();
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> {
		})).withMessage("All 2 worker threads are busy and 0 tasks wait already");
	}

	@Test
	void aThreadWithoutWorkEndsAfterTheKeepAliveAndANewOneStartsForTheNextTask() throws InterruptedException {
		WorkerPool pool = pool(3, 10, Duration.ofMillis(100));
		CountDownLatch ran = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			pool.execute(ran::countDown);
		}
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> pool.threadCount() == 0);
		CountDownLatch again = new CountDownLatch(1);
		pool.execute(again::countDown);
		assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aFailingOrInterruptingTaskLeavesItsThreadReadyForTheNext() throws InterruptedException {
		WorkerPool pool = pool(1, 10, Duration.ofSeconds(60));
		List<Thread> runners = new CopyOnWriteArrayList<>();
		AtomicBoolean interruptedAtStart = new AtomicBoolean(true);
		CountDownLatch ran = new CountDownLatch(1);
		pool.execute(() -> {
			runners.add(Thread.currentThread());
			throw new IllegalStateException("a failing task");
		});
		pool.execute(() -> {
			runners.add(Thread.currentThread());
			Thread.currentThread().interrupt();
		});
		pool.execute(() -> {
			runners.add(Thread.currentThread());
			interruptedAtStart.set(Thread.currentThread().isInterrupted());
			ran.countDown();
		});
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(interruptedAtStart).isFalse();
		assertThat(runners).hasSize(3).containsOnly(runners.get(0));
	}

	@Test
	void aThreadLeftInterruptedByItsTaskParksInsteadOfSpinning() throws InterruptedException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "thread CPU time is not measurable here");
		WorkerPool pool = pool(1, 10, Duration.ofSeconds(60));
		AtomicReference<Thread> runner = new AtomicReference<>();
		pool.execute(() -> {
			runner.set(Thread.currentThread());
			Thread.currentThread().interrupt();
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> runner.get() != null && runner.get().getState() == Thread.State.TIMED_WAITING);
		long id = runner.get().getId();
		long before = threads.getThreadCpuTime(id);
		// A measuring window, not a wait for a condition: a spinning thread would use most of it.
		Thread.sleep(500);
		long used = threads.getThreadCpuTime(id) - before;
		assertThat(Duration.ofNanos(used)).isLessThan(Duration.ofMillis(100));
	}

	@Test
	void neverLeavesATaskBehindWhileThreadsParkEndAndSubmittersRace() throws Exception {
		// Threads end after 1 ms without work, and a second submitter sends bursts of short tasks
		// with pauses between them; each round needs both of its tasks running at once, so a task
		// left in the queue while a thread could take it stalls its round.
		WorkerPool pool = pool(2, 1000, Duration.ofMillis(1));
		AtomicBoolean stop = new AtomicBoolean();
		Thread noise = new Thread(() -> {
			while (!stop.get()) {
				for (int i = 0; i < 50; i++) {
					try {
						pool.execute(Thread::yield);
					}
					catch (RejectedExecutionException ex) {
						Thread.yield();
					}
				}
				LockSupport.parkNanos(2_000_000);
			}
		});
		noise.start();
		try {
			for (int round = 0; round < 500; round++) {
				CyclicBarrier both = new CyclicBarrier(2);
				CountDownLatch done = new CountDownLatch(2);
				for (int i = 0; i < 2; i++) {
					executeWhenAccepted(pool, () -> {
						try {
							both.await(10, TimeUnit.SECONDS);
							done.countDown();
						}
						catch (Exception ex) {
							// The round stalls and the assertion below names it.
						}
					});
				}
				assertThat(done.await(15, TimeUnit.SECONDS)).as("round %d ran both tasks at once", round).isTrue();
			}
		}
		finally {
			stop.set(true);
			noise.join(10_000);
		}
	}

	/** Submits {@code task}, trying again for up to 10 s while the pool is full. */
	private static void executeWhenAccepted(WorkerPool pool, Runnable task) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (true) {
			try {
				pool.execute(task);
				return;
			}
			catch (RejectedExecutionException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
				Thread.yield();
			}
		}
	}

	@Test
	void shutdownNowInterruptsRunningTasksEndsEveryThreadAndRefusesNewTasks() throws InterruptedException {
		WorkerPool pool = pool(2, 10, Duration.ofSeconds(60));
		AtomicInteger interrupted = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			pool.execute(() -> {
				started.countDown();
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					interrupted.incrementAndGet();
				}
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		pool.shutdownNow();
		assertThat(pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThat(interrupted).hasValue(2);
		assertThat(pool.threadCount()).isZero();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> {
		})).withMessage("The worker pool is shut down");
	}

	private WorkerPool pool(int maxThreads, int queueCapacity, Duration keepAlive) {
		WorkerPool pool = new WorkerPool(maxThreads, queueCapacity, keepAlive,
				new DefaultThreadFactory("worker-pool-test", true));
		this.pools.add(pool);
		return pool;
	}

	private void awaitRelease() {
		try {
			this.release.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
