package dev.jrpc.spring.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose clock moves only when a test says so: tasks run on the
 * test's thread, in the order of their time, during {@link #advance(Duration)}. Periodic tasks
 * behave as in {@link java.util.concurrent.ScheduledThreadPoolExecutor}: one that throws runs no
 * more. The same as rpc-core's test double of that name, whose tests this module cannot see.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();

	private long nanoTime;

	private long sequence;

	private boolean shutdown;

	/** Moves the clock by {@code duration}, running every task that falls due, in order. */
	public synchronized void advance(Duration duration) {
		long target = this.nanoTime + duration.toNanos();
		Task<?> next = this.queue.peek();
		while (next != null && next.time <= target) {
			this.queue.poll();
			this.nanoTime = Math.max(this.nanoTime, next.time);
			if (!next.isCancelled()) {
				next.run();
			}
			next = this.queue.peek();
		}
		this.nanoTime = target;
	}

	/** Runs the tasks due now, such as those given to {@link #execute(Runnable)}. */
	public void runDueTasks() {
		advance(Duration.ZERO);
	}

	/** How many tasks are waiting, periodic ones included, cancelled ones not. */
	public synchronized int pendingTasks() {
		return (int) this.queue.stream().filter((task) -> !task.isCancelled()).count();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return enqueue(new Task<>(Executors.callable(command), unit.toNanos(delay), 0));
	}

	@Override
	public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return enqueue(new Task<>(callable, unit.toNanos(delay), 0));
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
			TimeUnit unit) {
		long rate = unit.toNanos(positive(period));
		return enqueue(new Task<>(Executors.callable(command), unit.toNanos(initialDelay), rate));
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
			TimeUnit unit) {
		long fixedDelay = unit.toNanos(positive(delay));
		return enqueue(new Task<>(Executors.callable(command), unit.toNanos(initialDelay), -fixedDelay));
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> waiting = new ArrayList<>(this.queue);
		this.queue.clear();
		return waiting;
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private synchronized <V> Task<V> enqueue(Task<V> task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("The scheduler is shut down");
		}
		this.queue.add(task);
		return task;
	}

	private static long positive(long period) {
		if (period <= 0) {
			throw new IllegalArgumentException("period must be positive, was " + period);
		}
		return period;
	}

	private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

		private final long period;

		private final long order;

		private long time;

		/** @param period 0 to run once, positive for a fixed rate, negative for a fixed delay */
		Task(Callable<V> callable, long delay, long period) {
			super(callable);
			this.time = ManualScheduler.this.nanoTime + Math.max(0, delay);
			this.period = period;
			this.order = ManualScheduler.this.sequence++;
		}

		@Override
		public void run() {
			if (this.period == 0) {
				super.run();
			}
			else if (runAndReset()) {
				this.time = (this.period > 0) ? this.time + this.period : ManualScheduler.this.nanoTime - this.period;
				ManualScheduler.this.queue.add(this);
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			synchronized (ManualScheduler.this) {
				return unit.convert(this.time - ManualScheduler.this.nanoTime, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public int compareTo(Delayed other) {
			if (other instanceof Task<?> task) {
				int byTime = Long.compare(this.time, task.time);
				return (byTime != 0) ? byTime : Long.compare(this.order, task.order);
			}
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
