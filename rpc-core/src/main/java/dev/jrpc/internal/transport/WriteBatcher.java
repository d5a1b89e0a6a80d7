package dev.jrpc.internal.transport;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * Writes messages from any thread to one channel, flushing once for all the messages that arrive
 * while its event loop is busy: a lone message is written and flushed at once, as
 * {@code writeAndFlush} would, while many callers or workers writing together share one system
 * call instead of one each.
 */
public final class WriteBatcher {

	private record Pending(ByteBuf message, ChannelPromise promise, @Nullable Runnable beforeWrite) {
	}

	private final Channel channel;

	private final Queue<Pending> queue = PlatformDependent.newMpscQueue();

	/** Whether a drain is scheduled and has not started taking messages yet. */
	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Runnable drain = this::drain;

	public WriteBatcher(Channel channel) {
		this.channel = channel;
	}

	/** Queues {@code message} for the channel; the future completes once it is written, or fails. */
	public ChannelFuture write(ByteBuf message) {
		return write(message, null);
	}

	/**
	 * Queues {@code message}, running {@code beforeWrite} on the event loop just before it is
	 * written, where scheduling a timer costs no extra task.
	 */
	public ChannelFuture write(ByteBuf message, @Nullable Runnable beforeWrite) {
		ChannelPromise promise = this.channel.newPromise();
		this.queue.add(new Pending(message, promise, beforeWrite));
		if (this.scheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this.drain);
		}
		return promise;
	}

	private void drain() {
		// Cleared first: a message queued from now on schedules another drain, so none is left behind.
		this.scheduled.set(false);
		boolean written = false;
		Pending pending;
		while ((pending = this.queue.poll()) != null) {
			if (pending.beforeWrite() != null) {
				pending.beforeWrite().run();
			}
			this.channel.write(pending.message(), pending.promise());
			written = true;
		}
		if (written) {
			this.channel.flush();
		}
	}

}
