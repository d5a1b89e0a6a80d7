package dev.jrpc.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * A request written, or about to be, and waiting for its answer. It completes with the result, or
 * with a {@link CallFailure} as its value (never exceptionally), on the event loop.
 */
final class PendingCall extends CompletableFuture<@Nullable Object> {

	private final @Nullable ClientMethod method;

	private final boolean holdsPlace;

	/** Whether the request has left for the server; a call lost before that did not run. */
	private volatile boolean written;

	/** The timer of its deadline, set and cancelled on the event loop. */
	private @Nullable ScheduledFuture<?> timer;

	/**
	 * @param method the method called, or null for a keepalive ping
	 * @param holdsPlace whether it holds a place of the connection's limit of calls in flight
	 */
	PendingCall(@Nullable ClientMethod method, boolean holdsPlace) {
		this.method = method;
		this.holdsPlace = holdsPlace;
	}

	boolean holdsPlace() {
		return this.holdsPlace;
	}

	/** The method called, or null for a keepalive ping, whose answer is not read. */
	@Nullable ClientMethod method() {
		return this.method;
	}

	boolean isWritten() {
		return this.written;
	}

	void written() {
		this.written = true;
	}

	void timer(ScheduledFuture<?> timer) {
		this.timer = timer;
	}

	void cancelTimer() {
		ScheduledFuture<?> current = this.timer;
		if (current != null) {
			current.cancel(false);
		}
	}

}
