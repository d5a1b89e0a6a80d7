package dev.jrpc.internal.client;

import java.util.ArrayDeque;

/**
 * At most so many calls in flight on one connection, for servers that read one request at a time.
 * A call that finds no free place waits in line without holding a thread: the place of a call
 * that ends is handed to the first in line.
 */
final class InFlightLimit {

	private final int max;

	/** Places taken; guarded by this. */
	private int taken;

	/** Those waiting for a place, first first; guarded by this. */
	private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

	InFlightLimit(int max) {
		this.max = max;
	}

	int max() {
		return this.max;
	}

	/** Takes a place if one is free and nobody waits for one. */
	synchronized boolean tryTake() {
		if (this.taken < this.max && this.waiting.isEmpty()) {
			this.taken++;
			return true;
		}
		return false;
	}

	/**
	 * Runs {@code onPlace} once it holds a place: at once, on this thread, if one is free, else on
	 * the thread of the call whose end frees it.
	 */
	void await(Runnable onPlace) {
		synchronized (this) {
			if (this.taken >= this.max || !this.waiting.isEmpty()) {
				this.waiting.add(onPlace);
				return;
			}
			this.taken++;
		}
		onPlace.run();
	}

	/** Leaves the line; false when {@code waiter} already got its place. */
	synchronized boolean leave(Runnable waiter) {
		return this.waiting.remove(waiter);
	}

	/** Gives a place back, to the first in line if anyone waits. */
	void give() {
		Runnable next;
		synchronized (this) {
			next = this.waiting.poll();
			if (next == null) {
				this.taken--;
				return;
			}
		}
		next.run();
	}

}
