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
 * {@code maxRunning + queueCapacity} tasks are accepted, running or waiting.
 * <p>
 * Each task submitted starts at most one thread, when a permit is free: a blocking call gets a
 * thread of its own while permits last. A thread runs the task waiting longest, then the next
 * while tasks wait, and ends when none does. A submitter adds its task and then tries for a permit;
 * a thread that finds no task gives its permit back and then looks once more. Either the submitter
 * gets the permit, or the thread sees the task: a task is never left behind while a permit is free.
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
		if (this.permits.tryAcquire()) {
			start(task);
		}
	}

	/** Starts a thread holding the permit just taken; refuses {@code task} when no thread can be made. */
	private void start(Runnable task) {
		try {
			Thread thread = this.threads.newThread(this::runWhileWaiting);
			if (thread == null) {
				throw new IllegalStateException("the thread factory made no thread");
			}
			thread.start();
		}
		catch (RuntimeException | Error ex) {
			this.permits.release();
			if (this.waiting.remove(task)) {
				this.accepted.decrementAndGet();
			}
			logger.warn("Could not start a thread for a call: {}", ex.toString());
			throw new RejectedExecutionException("Could not start a thread for the call", ex);
		}
	}

	@Override
	public boolean cancel(Runnable task) {
		if (this.waiting.remove(task)) {
			this.accepted.decrementAndGet();
			return true;
		}
		return false;
	}

	/** On a thread holding a permit: the waiting tasks, one after the other, until none is left. */
	private void runWhileWaiting() {
		Thread current = Thread.currentThread();
		this.running.add(current);
		try {
			do {
				Runnable task;
				while (!this.shutdown && (task = this.waiting.poll()) != null) {
					run(task);
				}
				this.permits.release();
			}
			while (!this.shutdown && !this.waiting.isEmpty() && this.permits.tryAcquire());
		}
		finally {
			this.running.remove(current);
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

	@Override
	public void shutdownNow() {
		this.shutdown = true;
		this.waiting.clear();
		for (Thread thread : this.running) {
			thread.interrupt();
		}
	}

}
