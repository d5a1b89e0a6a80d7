package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a connection to a TLS server. A TLS client's first byte is {@code 0x16}, the
 * type of a handshake record, so one byte tells it from a plaintext client without waiting for
 * more: a TLS client gets an {@link SslHandler} made from the server's context as it is now (a
 * reloaded certificate serves the next connection), any other client is closed, unread, with a log
 * line. The handshake must end within its timeout.
 */
final class TlsGate extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(TlsGate.class);

	/** The type of a TLS record that carries a handshake message, the first a TLS client sends. */
	private static final byte HANDSHAKE_RECORD = 0x16;

	private final Supplier<SslContext> context;

	private final Duration handshakeTimeout;

	private final WarningLimit warnings;

	/**
	 * @param context gives the context for each new connection
	 * @param handshakeTimeout how long a handshake may take
	 * @param warnings how often a refused client is logged as a warning rather than at debug level
	 */
	TlsGate(Supplier<SslContext> context, Duration handshakeTimeout, WarningLimit warnings) {
		this.context = context;
		this.handshakeTimeout = handshakeTimeout;
		this.warnings = warnings;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (in.getByte(in.readerIndex()) != HANDSHAKE_RECORD) {
			this.warnings.log(logger, "Closing connection from {}: it does not speak TLS, and this server only"
					+ " takes TLS connections (rpc.server.ssl.bundle)", ctx.channel().remoteAddress());
			in.skipBytes(in.readableBytes());
			ctx.close();
			return;
		}
		SslHandler tls;
		try {
			tls = this.context.get().newHandler(ctx.alloc());
		}
		catch (RuntimeException ex) {
			// The server's own TLS configuration failed, not the client: said each time, as an error.
			logger.error("Closing connection from {}: the server's TLS context could not be had", ctx.channel().remoteAddress(),
					ex);
			in.skipBytes(in.readableBytes());
			ctx.close();
			return;
		}
		tls.setHandshakeTimeout(this.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		ctx.pipeline().replace(this, "tls", tls);
	}

}
