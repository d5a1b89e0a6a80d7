package dev.jrpc.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands behind the TLS handler until the handshake ends: a failed handshake (an untrusted or
 * expired certificate, no certificate where one is needed, a handshake that did not end in time)
 * gets one log line that says why, and the TLS handler closes the connection; a successful one
 * leaves the connection to the steps that follow.
 */
final class TlsHandshakeOutcome extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(TlsHandshakeOutcome.class);

	private final WarningLimit warnings;

	TlsHandshakeOutcome(WarningLimit warnings) {
		this.warnings = warnings;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess()) {
				ctx.pipeline().remove(this);
			}
			else {
				// It stays until the connection is closed, to take what the TLS handler still reports.
				Throwable cause = handshake.cause();
				this.warnings.log(logger, "Closing connection from {}: the TLS handshake failed: {}",
						ctx.channel().remoteAddress(), (cause.getMessage() != null) ? cause.getMessage() : cause.toString());
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, evt);
	}

	/** What the TLS handler reports about a failing handshake was said once, by the event above. */
	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
