package dev.jrpc.internal.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes that all the connections of a server may hold of messages not yet read whole, so that
 * many large messages arriving at once cannot exhaust the direct memory. A message that takes more
 * than one read reserves, when it begins, the most it may grow to (its announced length in a native
 * frame, the frame limit for a JSON text) and gives it back once it is complete. A connection whose
 * message finds no room is not read until room frees up; connections get room in the order they
 * asked. Since a message admitted always has the room to complete, connections never wait for one
 * another in a circle. A message read whole in one read needs no room: it is parsed, and its buffer
 * freed, before the read returns.
 */
final class InboundBudget {

	/** A connection waiting for room. */
	interface Waiter {

		/** {@code bytes} were reserved for it; called on any thread. */
		void granted(long bytes);

	}

	private record Request(Waiter waiter, long bytes) {
	}

	private final long limit;

	private long reserved;

	private long highWater;

	private final ArrayDeque<Request> waiting = new ArrayDeque<>();

	InboundBudget(long limit) {
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

	/**
	 * Reserves {@code bytes} at once if there is room and no one waits before it, and returns true;
	 * else puts {@code waiter} in line, to be {@link Waiter#granted granted} them later, and returns
	 * false.
	 */
	synchronized boolean reserve(Waiter waiter, long bytes) {
		if (this.waiting.isEmpty() && this.reserved + bytes <= this.limit) {
			add(bytes);
			return true;
		}
		this.waiting.addLast(new Request(waiter, bytes));
		return false;
	}

	/** Gives back {@code bytes}, and grants the waiters in line as long as they fit. */
	void release(long bytes) {
		if (bytes == 0) {
			return;
		}
		List<Request> granted = null;
		synchronized (this) {
			this.reserved -= bytes;
			Request next;
			while ((next = this.waiting.peekFirst()) != null && this.reserved + next.bytes() <= this.limit) {
				this.waiting.pollFirst();
				add(next.bytes());
				if (granted == null) {
					granted = new ArrayList<>();
				}
				granted.add(next);
			}
		}
		if (granted != null) {
			granted.forEach((request) -> request.waiter().granted(request.bytes()));
		}
	}

	/** Takes {@code waiter} out of line; its connection closed. */
	synchronized void forget(Waiter waiter) {
		this.waiting.removeIf((request) -> request.waiter() == waiter);
	}

	private void add(long bytes) {
		this.reserved += bytes;
		this.highWater = Math.max(this.highWater, this.reserved);
	}

	synchronized long reserved() {
		return this.reserved;
	}

	/** The most ever reserved at once. */
	synchronized long highWater() {
		return this.highWater;
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

}
