package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.protocol.MessageDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose message, once begun, has not arrived whole within the timeout, so that
 * a client trickling a request byte by byte, or sending half of one and nothing more, holds
 * neither a buffer nor a connection for ever. It sits just before the framer and asks it, after
 * each read, whether it holds part of a message: the clock starts with the read that brings the
 * first bytes of a message and stops when the message is complete. Time during which the server
 * itself did not read the connection (its client not taking its responses, the inbound budget
 * full) does not count against the client.
 * <p>
 * Netty's {@code ReadTimeoutHandler} cannot do this: it measures the time between reads, which a
 * client sending one byte a second never exceeds.
 */
final class MessageReadTimeout extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(MessageReadTimeout.class);

	private final MessageDecoder framer;

	private final ReadGate gate;

	private final long timeoutNanos;

	/**
	 * The timer, pending while a message may be under way; only touched on the event loop. It is not
	 * cancelled when a message ends: when it fires it looks at the message under way then, if any,
	 * and waits again for the rest of that message's time. Under load, where many reads end inside a
	 * message, that spares a timer scheduled and cancelled per message.
	 */
	private @Nullable ScheduledFuture<?> timer;

	/** Whether a message has begun and not yet arrived whole. */
	private boolean messageUnderWay;

	/** When the message under way began, on the event loop's ticker. */
	private long startedAt;

	/** How long the connection had not been read when the message began. */
	private long pausedAtStart;

	/**
	 * @param framer the decoder that follows this handler in the pipeline
	 * @param gate what tells how long the server did not read the connection
	 * @param timeout how long a message may take to arrive, from its first bytes
	 */
	MessageReadTimeout(MessageDecoder framer, ReadGate gate, Duration timeout) {
		this.framer = framer;
		this.gate = gate;
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		long before = this.framer.messagesDecoded();
		// The framer decodes what it can before this returns.
		ctx.fireChannelRead(msg);
		if (!this.framer.holdsPartialMessage()) {
			this.messageUnderWay = false;
		}
		else if (!this.messageUnderWay || this.framer.messagesDecoded() != before) {
			// A message began in this read: it gets its own time.
			this.messageUnderWay = true;
			this.startedAt = ctx.executor().ticker().nanoTime();
			this.pausedAtStart = this.gate.pausedNanos(ctx.channel());
			if (this.timer == null) {
				schedule(ctx, this.timeoutNanos);
			}
		}
	}

	private void schedule(ChannelHandlerContext ctx, long delayNanos) {
		this.timer = ctx.executor().schedule(() -> expired(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void expired(ChannelHandlerContext ctx) {
		this.timer = null;
		if (!this.messageUnderWay || !this.framer.holdsPartialMessage() || !ctx.channel().isActive()) {
			return;
		}
		long elapsed = ctx.executor().ticker().nanoTime() - this.startedAt;
		long paused = this.gate.pausedNanos(ctx.channel()) - this.pausedAtStart;
		long left = this.timeoutNanos - (elapsed - paused);
		if (left > 0) {
			// The message began after the timer was set, or the server did not read the connection for
			// part of the time, which is not the client's.
			schedule(ctx, left);
			return;
		}
		logger.debug("Closing connection from {}: a message begun {} ms ago has not arrived whole"
				+ " (rpc.server.message-read-timeout)", ctx.channel().remoteAddress(),
				TimeUnit.NANOSECONDS.toMillis(elapsed));
		ctx.close();
	}

	private void cancel() {
		ScheduledFuture<?> current = this.timer;
		if (current != null) {
			current.cancel(false);
			this.timer = null;
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel();
		super.channelInactive(ctx);
	}

}
