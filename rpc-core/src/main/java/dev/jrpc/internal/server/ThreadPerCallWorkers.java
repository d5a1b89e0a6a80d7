package dev.jrpc.internal.server;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls on threads made for them, such as virtual threads, instead of a pool: a semaphore of
 * {@code maxRunning} permits bounds how many run at once, as the pool's size does, and at most
 * {@code maxRunning + queueCapacity} tasks are accepted, running or waiting. A thread started for
 * a task takes the ones waiting after it before it ends, so that a burst does not start a thread
 * per task only to park most of them on the semaphore.
 * <p>
 * A submitter adds its task and then tries for a permit; a thread ending gives its permit back and
 * then looks at the waiting tasks again. Either the submitter gets the permit, or the thread sees
 * the task: a task is never left behind while a permit is free.
 */
final class ThreadPerCallWorkers implements CallExecutor {

	private static final Logger logger = LoggerFactory.getLogger(ThreadPerCallWorkers.class);

	private final ThreadFactory threads;

	private final Semaphore permits;

	private final int maxAccepted;

	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

	/** Tasks accepted and not yet ended, running or waiting. */
	private final AtomicInteger accepted = new AtomicInteger();

	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private volatile boolean shutdown;

	ThreadPerCallWorkers(int maxRunning, int queueCapacity, ThreadFactory threads) {
		if (maxRunning < 1 || queueCapacity < 0) {
			throw new IllegalArgumentException("maxRunning must be positive and queueCapacity not negative, were "
					+ maxRunning + " and " + queueCapacity);
		}
		this.threads = threads;
		this.permits = new Semaphore(maxRunning);
		this.maxAccepted = (int) Math.min(Integer.MAX_VALUE, (long) maxRunning + queueCapacity);
	}

	@Override
	public void execute(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("The server's workers are shut down");
		}
		if (this.accepted.incrementAndGet() > this.maxAccepted) {
			this.accepted.decrementAndGet();
			throw new RejectedExecutionException("No worker or place free");
		}
		this.waiting.add(task);
		startWhilePermitted();
	}

	@Override
	public boolean cancel(Runnable task) {
		if (this.waiting.remove(task)) {
			this.accepted.decrementAndGet();
			return true;
		}
		return false;
	}

	/** Starts a thread for each waiting task while a permit is free. */
	private void startWhilePermitted() {
		while (!this.waiting.isEmpty() && this.permits.tryAcquire()) {
			Thread thread;
			try {
				thread = this.threads.newThread(this::runWaiting);
				if (thread == null) {
					throw new RejectedExecutionException("The worker thread factory made no thread");
				}
				thread.start();
			}
			catch (RuntimeException | Error ex) {
				this.permits.release();
				throw ex;
			}
		}
	}

	/** On a thread holding a permit: the waiting tasks, one after the other, then the permit back. */
	private void runWaiting() {
		Thread current = Thread.currentThread();
		this.running.add(current);
		try {
			Runnable task;
			while (!this.shutdown && (task = this.waiting.poll()) != null) {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A server task failed", ex);
				}
				finally {
					this.accepted.decrementAndGet();
				}
			}
		}
		finally {
			this.running.remove(current);
			this.permits.release();
		}
		if (!this.shutdown) {
			startWhilePermitted();
		}
	}

	@Override
	public void shutdownNow() {
		this.shutdown = true;
		this.waiting.clear();
		for (Thread thread : this.running) {
			thread.interrupt();
		}
	}

}
