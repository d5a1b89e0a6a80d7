package dev.jrpc.internal.server;

import io.netty.channel.Channel;

/**
 * Whether a connection is read, when more than one concern may stop reading it: the client not
 * taking its responses, the inbound buffer budget, a connection being closed. Reading resumes only
 * once every concern that stopped it has let it go, so that one cannot undo another's pause. Only
 * used on the connection's event loop.
 */
final class ReadGate {

	/** Why reading stops. */
	enum Reason {

		/** The client does not take its responses: they would pile up. */
		BACKPRESSURE,

		/** The message under way waits for room in the inbound buffer budget. */
		BUDGET,

		/** The connection is being closed after an error: nothing more is read. */
		CLOSING

	}

	private int paused;

	/** When the pause under way began, on the event loop's ticker. */
	private long pausedSince;

	/** The time of the pauses that have ended. */
	private long pausedBefore;

	void pause(Channel channel, Reason reason) {
		if (this.paused == 0) {
			this.pausedSince = channel.eventLoop().ticker().nanoTime();
		}
		this.paused |= 1 << reason.ordinal();
		channel.config().setAutoRead(false);
	}

	void resume(Channel channel, Reason reason) {
		if (this.paused == 0) {
			return;
		}
		this.paused &= ~(1 << reason.ordinal());
		if (this.paused == 0) {
			this.pausedBefore += channel.eventLoop().ticker().nanoTime() - this.pausedSince;
			channel.config().setAutoRead(true);
		}
	}

	/** How long the connection has not been read so far, in all, the pause under way included. */
	long pausedNanos(Channel channel) {
		return this.pausedBefore
				+ ((this.paused != 0) ? channel.eventLoop().ticker().nanoTime() - this.pausedSince : 0);
	}

	boolean isPaused(Reason reason) {
		return (this.paused & (1 << reason.ordinal())) != 0;
	}

}
