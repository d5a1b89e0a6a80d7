package dev.jrpc.internal.server;

import dev.jrpc.internal.protocol.MessageDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One connection's share of the server's {@link InboundBudget}. It sits just before the framer:
 * after each read it asks the framer whether a message is under way and how large it may grow,
 * reserves that room, and stops reading the connection until the room is granted; once the message
 * is complete, it gives the room back. A connection holds room for one message at a time.
 */
final class InboundBudgetGate extends ChannelInboundHandlerAdapter implements InboundBudget.Waiter {

	private final InboundBudget budget;

	private final MessageDecoder framer;

	private final ReadGate gate;

	private ChannelHandlerContext ctx;

	/** Room held for the message under way; only touched on the event loop. */
	private long held;

	/** Whether it waits in the budget's line; only touched on the event loop. */
	private boolean waiting;

	InboundBudgetGate(InboundBudget budget, MessageDecoder framer, ReadGate gate) {
		this.budget = budget;
		this.framer = framer;
		this.gate = gate;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		long before = this.framer.messagesDecoded();
		// The framer decodes, and the connection parses, what it can before this returns.
		ctx.fireChannelRead(msg);
		if (this.framer.messagesDecoded() != before || !this.framer.holdsPartialMessage()) {
			giveBack();
		}
		if (!this.framer.holdsPartialMessage() || this.waiting) {
			return;
		}
		long needed = this.framer.partialMessageBound();
		if (needed <= this.held) {
			return;
		}
		long more = needed - this.held;
		if (this.budget.reserve(this, more)) {
			this.held = needed;
		}
		else {
			this.waiting = true;
			this.gate.pause(ctx.channel(), ReadGate.Reason.BUDGET);
		}
	}

	@Override
	public void granted(long bytes) {
		this.ctx.executor().execute(() -> {
			this.waiting = false;
			if (!this.ctx.channel().isActive()) {
				this.budget.release(bytes);
				return;
			}
			this.held += bytes;
			this.gate.resume(this.ctx.channel(), ReadGate.Reason.BUDGET);
		});
	}

	private void giveBack() {
		long bytes = this.held;
		this.held = 0;
		this.budget.release(bytes);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		giveBack();
		if (this.waiting) {
			// Granted meanwhile, the room comes back through granted(), which finds the connection closed.
			this.budget.forget(this);
		}
		super.channelInactive(ctx);
	}

}
