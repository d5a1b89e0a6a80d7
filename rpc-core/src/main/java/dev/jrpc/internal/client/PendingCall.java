package dev.jrpc.internal.client;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;

/**
 * A request written, or about to be, and waiting for its answer on one connection. It ends once,
 * with the result or with a {@link CallFailure}, and tells its {@link AttemptListener}. It listens
 * to its own write, so that a call allocates no listener of its own.
 */
final class PendingCall implements ChannelFutureListener {

	private static final AtomicIntegerFieldUpdater<PendingCall> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(PendingCall.class, "ended");

	private final ClientChannel connection;

	private final long id;

	private final @Nullable ClientMethod method;

	private final boolean holdsPlace;

	private final AttemptListener listener;

	/** 1 once it ended; the first {@link #complete} wins. */
	private volatile int ended;

	/** Whether the request has left for the server; a call lost before that did not run. */
	private volatile boolean written;

	/** The timer of its deadline, when its caller does not wait for it; set and cancelled on the event loop. */
	private @Nullable ScheduledFuture<?> timer;

	/**
	 * @param connection the connection it was sent on
	 * @param id the id of its request
	 * @param method the method called, or null for a keepalive ping
	 * @param holdsPlace whether it holds a place of the connection's limit of calls in flight
	 * @param listener told how it ended
	 */
	PendingCall(ClientChannel connection, long id, @Nullable ClientMethod method, boolean holdsPlace,
			AttemptListener listener) {
		this.connection = connection;
		this.id = id;
		this.method = method;
		this.holdsPlace = holdsPlace;
		this.listener = listener;
	}

	/**
	 * Ends it with {@code outcome}, a result or a {@link CallFailure}, and tells its listener, if it
	 * has not ended yet.
	 * @return whether this ended it
	 */
	boolean complete(@Nullable Object outcome) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.listener.attemptEnded(outcome);
		return true;
	}

	boolean isDone() {
		return this.ended != 0;
	}

	long id() {
		return this.id;
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

	/** Its request was written, or could not be. */
	@Override
	public void operationComplete(ChannelFuture future) {
		if (future.isSuccess()) {
			this.written = true;
		}
		else {
			this.connection.writeFailed(this, future.cause());
		}
	}

	/**
	 * Its caller stopped waiting, at the deadline or interrupted: it ends now, if it has not, and
	 * leaves the connection.
	 */
	void abandon(OutgoingCall call, boolean interrupted) {
		this.connection.abandon(this, call, interrupted);
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
