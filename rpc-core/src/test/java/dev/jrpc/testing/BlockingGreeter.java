package dev.jrpc.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DefaultGreeter} whose {@code sleep} signals that it has started and then waits until the
 * test releases it, or at most for the milliseconds it was given; tests use it to hold a call in
 * flight for exactly as long as they need.
 */
public class BlockingGreeter extends DefaultGreeter {

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	private final AtomicInteger startedCalls = new AtomicInteger();

	@Override
	public String sleep(long millis) {
		this.startedCalls.incrementAndGet();
		this.started.countDown();
		try {
			if (!this.released.await(millis, TimeUnit.MILLISECONDS)) {
				return "not released within " + millis;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		return "slept " + millis;
	}

	/** Waits until a call to {@code sleep} has started; false if none did within 5 seconds. */
	public boolean awaitStarted() throws InterruptedException {
		return this.started.await(5, TimeUnit.SECONDS);
	}

	/** How many calls to {@code sleep} have started. */
	public int startedCalls() {
		return this.startedCalls.get();
	}

	/** Lets every call to {@code sleep} return. */
	public void release() {
		this.released.countDown();
	}

}
