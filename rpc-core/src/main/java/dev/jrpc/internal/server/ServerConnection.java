package dev.jrpc.internal.server;

import java.io.IOException;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RequestId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the server, last in its pipeline: reads each framed request on the
 * event loop, answers what cannot run at once, hands calls to the {@link CallDispatcher} and
 * writes their responses. Reading pauses while the client does not take its responses, so they
 * cannot pile up without bound.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ServerConnection.class);

	private final RequestReader reader;

	private final CallDispatcher dispatcher;

	private final MessageWriter writer;

	private final int maxFrameSize;

	private Channel channel;

	/** Calls of this connection not yet answered; only touched on the event loop. */
	private int unanswered;

	private boolean inputClosed;

	ServerConnection(RequestReader reader, CallDispatcher dispatcher, MessageWriter writer, int maxFrameSize) {
		this.reader = reader;
		this.dispatcher = dispatcher;
		this.writer = writer;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
	}

	MessageWriter writer() {
		return this.writer;
	}

	Channel channel() {
		return this.channel;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		InboundRequest request;
		try {
			request = this.reader.read(() -> ByteBufJson.parser(this.writer.mapper(), frame));
		}
		finally {
			frame.release();
		}
		if (request instanceof InboundRequest.Call call) {
			this.unanswered++;
			this.dispatcher.dispatch(call, this);
		}
		else if (request instanceof InboundRequest.Invalid invalid) {
			if (!invalid.id().isAbsent()) {
				this.unanswered++;
				respondError(invalid.id(), invalid.code(), invalid.message());
			}
		}
	}

	/** Writes an error response; callable from any thread. */
	void respondError(RequestId id, int code, String message) {
		respond(this.writer.error(this.channel.alloc(), id, code, message, null));
	}

	/**
	 * Writes a response to one of this connection's calls; callable from any thread. Every call
	 * that was dispatched ends here exactly once, or in {@link #dropped()}.
	 */
	void respond(ByteBuf response) {
		this.channel.writeAndFlush(response).addListener((ChannelFutureListener) (future) -> answered());
	}

	/** A dispatched call that gets no response (a notification). */
	void dropped() {
		if (this.channel.eventLoop().inEventLoop()) {
			answered();
		}
		else {
			this.channel.eventLoop().execute(this::answered);
		}
	}

	private void answered() {
		this.unanswered--;
		if (this.inputClosed && this.unanswered == 0) {
			this.channel.close();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof ChannelInputShutdownReadComplete) {
			// The client sent all it will send: answer what is in flight, then close.
			this.inputClosed = true;
			if (this.unanswered == 0) {
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		ctx.channel().config().setAutoRead(ctx.channel().isWritable());
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			closeWithError(ctx, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: message larger than the server's "
					+ "limit of " + this.maxFrameSize + " bytes; closing the connection");
		}
		else if (cause instanceof CorruptedFrameException) {
			closeWithError(ctx, RpcErrorCodes.PARSE_ERROR,
					"Parse error: " + cause.getMessage() + "; closing the connection");
		}
		else if (cause instanceof IOException) {
			logger.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
			ctx.close();
		}
		else {
			logger.warn("Closing connection from {} after an unexpected error", ctx.channel().remoteAddress(), cause);
			ctx.close();
		}
	}

	private void closeWithError(ChannelHandlerContext ctx, int code, String message) {
		logger.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), message);
		ctx.channel().config().setAutoRead(false);
		ctx.writeAndFlush(this.writer.error(ctx.alloc(), RequestId.NULL, code, message, null))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
