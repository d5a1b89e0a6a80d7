package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jrpc.internal.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a connection's framing from its first byte, once: {@code 0x00} is a native
 * length-prefixed frame, {@code {} or {@code [} (after optional whitespace) starts a JSON stream,
 * anything else closes the connection. Then it hands the pipeline to {@code configure} and leaves;
 * the bytes it has seen go on to the handlers that replace it. A connection that has not sent the
 * first byte of a message within the first-byte timeout, whitespace aside, is closed: it holds a
 * connection and sends nothing.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolDetector.class);

	private final Consumer<Framing> configure;

	private final Duration firstByteTimeout;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * @param configure what installs the handlers of the framing found
	 * @param firstByteTimeout how long the connection may go without sending the first byte of a
	 * message; zero disables it
	 */
	ProtocolDetector(Consumer<Framing> configure, Duration firstByteTimeout) {
		this.configure = configure;
		this.firstByteTimeout = firstByteTimeout;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (!this.firstByteTimeout.isZero()) {
			this.timer = ctx.executor().schedule(() -> {
				logger.debug("Closing connection from {}: no message began within {} ms (rpc.server.first-byte-timeout)",
						ctx.channel().remoteAddress(), this.firstByteTimeout.toMillis());
				ctx.close();
			}, this.firstByteTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		if (this.timer != null) {
			this.timer.cancel(false);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		byte first = in.getByte(in.readerIndex());
		if (first == 0) {
			choose(ctx, Framing.LENGTH_PREFIXED);
			return;
		}
		while (in.isReadable()) {
			byte b = in.getByte(in.readerIndex());
			if (b == '{' || b == '[') {
				choose(ctx, Framing.JSON_STREAM);
				return;
			}
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				logger.debug("Closing connection from {}: first byte 0x{} is neither a native frame nor JSON",
						ctx.channel().remoteAddress(), Integer.toHexString(b & 0xff));
				in.skipBytes(in.readableBytes());
				ctx.close();
				return;
			}
			in.skipBytes(1);
		}
	}

	/** A client that shuts its side before its first byte will never send one. */
	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		super.userEventTriggered(ctx, evt);
		if (evt instanceof ChannelInputShutdownReadComplete && ctx.pipeline().context(this) != null) {
			ctx.close();
		}
	}

	private void choose(ChannelHandlerContext ctx, Framing framing) {
		this.configure.accept(framing);
		ctx.pipeline().remove(this);
	}

}
