package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run service methods: at most {@code maxThreads}, started when needed and
 * stopped after {@code keepAlive} without work, with at most {@code maxThreads + queueCapacity}
 * tasks accepted, running or waiting, at a time; one more is refused.
 * <p>
 * It wakes as few threads as it can, because on a busy server a wake-up and the context switches
 * it brings can cost more than a small call. A thread that ends a task takes the next waiting one
 * without parking, and a parked thread is woken only when no awake thread is looking for work
 * already. A looking thread that finds a task while more are waiting wakes one more thread before
 * it runs it, so a task that blocks never holds back the ones queued behind it while threads are
 * free. Parked threads are woken last parked first, so the warm ones do the work and the others
 * can reach their keep-alive.
 * <p>
 * The protocol pairs a write with a later read on both sides: a submitter adds its task and then
 * reads {@code searching}; a thread that gives up looking lowers {@code searching} and then looks
 * at the queue again, and a thread that parks adds itself to the parked ones and then looks at the
 * queue again. Either the submitter sees no one looking and wakes a thread, or the thread sees the
 * task; a task is never left behind while a thread could take it.
 */
final class WorkerPool implements CallExecutor {

	private static final Logger logger = LoggerFactory.getLogger(WorkerPool.class);

	private final int maxThreads;

	private final int maxAccepted;

	private final long keepAliveNanos;

	private final ThreadFactory threadFactory;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Tasks accepted and not yet ended, running or waiting. */
	private final AtomicInteger accepted = new AtomicInteger();

	/** Threads awake and not running a task: looking for one, or woken and about to look. */
	private final AtomicInteger searching = new AtomicInteger();

	/** Threads started and not yet ended. */
	private final AtomicInteger threadCount = new AtomicInteger();

	/** Parked threads, the last parked first. */
	private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();

	private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

	private final Object termination = new Object();

	private volatile boolean shutdown;

	WorkerPool(int maxThreads, int queueCapacity, Duration keepAlive, ThreadFactory threadFactory) {
		if (maxThreads < 1 || queueCapacity < 0) {
			throw new IllegalArgumentException(
					"maxThreads must be positive and queueCapacity not negative, were " + maxThreads + " and "
							+ queueCapacity);
		}
		this.maxThreads = maxThreads;
		this.maxAccepted = (int) Math.min(Integer.MAX_VALUE, (long) maxThreads + queueCapacity);
		this.keepAliveNanos = keepAlive.toNanos();
		this.threadFactory = threadFactory;
	}

	/**
	 * Runs {@code task} on a thread of the pool.
	 * @throws RejectedExecutionException when {@code maxThreads + queueCapacity} tasks are running or
	 * waiting already, or the pool is shut down
	 */
	@Override
	public void execute(Runnable task) {
		Objects.requireNonNull(task, "task");
		if (this.shutdown) {
			throw new RejectedExecutionException("The worker pool is shut down");
		}
		if (this.accepted.incrementAndGet() > this.maxAccepted) {
			this.accepted.decrementAndGet();
			throw new RejectedExecutionException("All " + this.maxThreads + " worker threads are busy and "
					+ (this.maxAccepted - this.maxThreads) + " tasks wait already");
		}
		this.tasks.offer(task);
		boolean threadFailed = !signalWork();
		if ((threadFailed && this.threadCount.get() == 0) || this.shutdown) {
			// No thread can run it, or a shutdown came meanwhile and may have missed it.
			if (this.tasks.remove(task)) {
				this.accepted.decrementAndGet();
				throw new RejectedExecutionException(
						this.shutdown ? "The worker pool is shut down" : "Could not start a worker thread");
			}
		}
	}

	/** Takes back one waiting submission of {@code task}, freeing its place. */
	@Override
	public boolean cancel(Runnable task) {
		if (this.tasks.remove(task)) {
			this.accepted.decrementAndGet();
			return true;
		}
		return false;
	}

	/**
	 * Makes sure a thread will look at the queue: one looking already, a parked one woken, or a new
	 * one started.
	 * @return false when a thread was needed and could not be started
	 */
	private boolean signalWork() {
		while (this.searching.get() == 0 && this.searching.compareAndSet(0, 1)) {
			// This holds the one place in searching for the thread it wakes or starts; submitters that
			// see it taken leave their task to that thread.
			try {
				Worker worker = this.parked.pollFirst();
				if (worker != null) {
					worker.wake();
					return true;
				}
				if (startThread()) {
					return true;
				}
			}
			catch (Throwable ex) {
				this.searching.decrementAndGet();
				logger.error("Could not start a worker thread; {} keep running", this.threadCount.get(), ex);
				return false;
			}
			// Nothing to wake and no room for a thread: every thread runs a task and looks at the queue
			// when it ends. Give the place back, then look again, as a submitter that saw it taken left
			// its task here, and a thread may have parked or ended since.
			this.searching.decrementAndGet();
			if (this.shutdown || this.tasks.isEmpty()
					|| (this.parked.peekFirst() == null && this.threadCount.get() >= this.maxThreads)) {
				return true;
			}
		}
		return true;
	}

	/**
	 * Starts a thread unless there are {@code maxThreads} already.
	 * @return false when there are
	 * @throws Throwable when the thread could not be created or started
	 */
	private boolean startThread() {
		int count;
		do {
			count = this.threadCount.get();
			if (count >= this.maxThreads || this.shutdown) {
				return false;
			}
		}
		while (!this.threadCount.compareAndSet(count, count + 1));
		Worker worker = new Worker();
		try {
			Thread thread = this.threadFactory.newThread(() -> work(worker));
			worker.thread = thread;
			this.workers.add(worker);
			thread.start();
			return true;
		}
		catch (Throwable ex) {
			this.workers.remove(worker);
			threadEnded();
			throw ex;
		}
	}

	/** The loop of one thread: it starts looking for work, its place in searching taken by its starter. */
	private void work(Worker self) {
		try {
			while (!this.shutdown) {
				Runnable task = this.tasks.poll();
				if (task != null) {
					if (this.searching.decrementAndGet() == 0 && !this.tasks.isEmpty()) {
						signalWork();
					}
					run(task);
					this.searching.incrementAndGet();
					continue;
				}
				this.searching.decrementAndGet();
				if (!this.tasks.isEmpty()) {
					// Added while this thread was looking, so its submitter woke no one: look again.
					this.searching.incrementAndGet();
					continue;
				}
				if (!park(self)) {
					return;
				}
			}
		}
		finally {
			this.workers.remove(self);
			threadEnded();
			// A submitter may have found no room for a thread just before this one ended.
			if (!this.shutdown && !this.tasks.isEmpty()) {
				signalWork();
			}
		}
	}

	private void run(Runnable task) {
		try {
			WorkerTask.run(task, this.shutdown);
		}
		finally {
			this.accepted.decrementAndGet();
		}
	}

	/**
	 * Parks this thread until a submitter wakes it, which counts it as searching again.
	 * @return false when the thread should end: no work for the keep-alive time, or a shutdown
	 */
	private boolean park(Worker self) {
		self.woken = false;
		this.parked.addFirst(self);
		if (!this.tasks.isEmpty() && this.parked.remove(self)) {
			// A task came after this thread last looked, and its submitter did not find it parked.
			this.searching.incrementAndGet();
			return true;
		}
		long deadline = System.nanoTime() + this.keepAliveNanos;
		boolean expired = false;
		while (!self.woken) {
			// A task may have left the thread interrupted, which would make parking return at once; a
			// shutdown interrupts too, but sets the flag read next first.
			Thread.interrupted();
			if (this.shutdown) {
				return false;
			}
			long remaining = deadline - System.nanoTime();
			if (!expired && remaining <= 0) {
				if (this.parked.remove(self)) {
					return false;
				}
				// Taken off the deque by a submitter whose wake-up is on its way.
				expired = true;
			}
			if (expired) {
				LockSupport.park(this);
			}
			else {
				LockSupport.parkNanos(this, remaining);
			}
		}
		return true;
	}

	private void threadEnded() {
		if (this.threadCount.decrementAndGet() == 0) {
			synchronized (this.termination) {
				this.termination.notifyAll();
			}
		}
	}

	/** Refuses new tasks, drops those waiting, and interrupts the running ones. */
	@Override
	public void shutdownNow() {
		this.shutdown = true;
		for (Worker worker : this.workers) {
			worker.thread.interrupt();
		}
		this.tasks.clear();
	}

	/** Waits until every thread has ended, after {@link #shutdownNow()}; true if they all did in time. */
	boolean awaitTermination(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.termination) {
			while (this.threadCount.get() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.termination, remaining);
			}
			return true;
		}
	}

	/** Threads started and not yet ended. */
	int threadCount() {
		return this.threadCount.get();
	}

	private static final class Worker {

		volatile Thread thread;

		volatile boolean woken;

		void wake() {
			this.woken = true;
			LockSupport.unpark(this.thread);
		}

	}

}
