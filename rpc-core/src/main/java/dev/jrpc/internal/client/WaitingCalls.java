package dev.jrpc.internal.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one client that wait for their next attempt, on a timer (a retry's backoff, a
 * discovery's first set), and whether the client has closed. Closing the client ends each waiting
 * call at once, saying why, rather than leaving it to a timer: a client with event loops of its
 * own shuts them down, and a stopped loop drops its timers, so the call would never complete. A
 * call that would start waiting after the close is refused, and ends the same way.
 */
final class WaitingCalls {

	/** A call waiting for its next attempt. */
	interface Waiter {

		/** The client closed while this call waited: end it; called at most once, on the closing thread. */
		void clientClosed();

	}

	private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	boolean isClosed() {
		return this.closed;
	}

	/**
	 * {@code waiter} starts waiting; false when the client has closed, and the caller must end the
	 * call itself. A waiter added while the client closes is either refused here or told by
	 * {@link #close()}, never neither: each side writes, then reads what the other writes.
	 */
	boolean startWaiting(Waiter waiter) {
		this.waiting.add(waiter);
		return !this.closed || !this.waiting.remove(waiter);
	}

	/** {@code waiter}'s wait ended; true for the first of its timer, its event and the close to end it. */
	boolean stopWaiting(Waiter waiter) {
		return this.waiting.remove(waiter);
	}

	/** The client closes: every waiting call ends now, and none waits from now on. */
	void close() {
		this.closed = true;
		for (Waiter waiter : this.waiting) {
			if (this.waiting.remove(waiter)) {
				waiter.clientClosed();
			}
		}
	}

}
