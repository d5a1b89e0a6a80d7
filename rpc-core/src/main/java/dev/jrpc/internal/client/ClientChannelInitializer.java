package dev.jrpc.internal.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.transport.PipelineStep;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.jspecify.annotations.Nullable;

/**
 * Builds a client connection's pipeline, in order: the optional steps that must see the raw bytes,
 * TLS when configured, framing capped at the frame limit, the keepalive timer on native connections, and the
 * handler of the calls.
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {

	private final List<PipelineStep> firstSteps;

	private final @Nullable ClientTls tls;

	private final ServerAddress server;

	private final Framing framing;

	private final int maxFrameSize;

	private final long keepaliveIntervalNanos;

	private final ClientChannel calls;

	ClientChannelInitializer(List<PipelineStep> firstSteps, @Nullable ClientTls tls, ServerAddress server,
			Framing framing, int maxFrameSize, long keepaliveIntervalNanos, ClientChannel calls) {
		this.firstSteps = firstSteps;
		this.tls = tls;
		this.server = server;
		this.framing = framing;
		this.maxFrameSize = maxFrameSize;
		this.keepaliveIntervalNanos = keepaliveIntervalNanos;
		this.calls = calls;
	}

	@Override
	protected void initChannel(Channel channel) {
		// 1. Optional first steps on the raw bytes.
		for (PipelineStep step : this.firstSteps) {
			step.addTo(channel);
		}
		// TLS, from the context as it is now: the server's certificate must match the configured name,
		// else the endpoint's host, which is also sent as SNI. In-process connections (tests) never
		// leave the JVM, and have no TLS.
		if (this.tls != null && !(channel instanceof LocalChannel)) {
			String name = (this.tls.serverName() != null) ? this.tls.serverName() : this.server.host();
			channel.pipeline().addLast("tls", this.tls.context().get().newHandler(channel.alloc(), name,
					this.server.port()));
		}
		// 2. Framing, capped at the frame limit.
		channel.pipeline().addLast("framer", this.framing.newDecoder(this.maxFrameSize));
		// 3. Keepalive: an event when nothing was read for the interval; the calls handler then pings.
		// Only jrpc servers (native frames) are pinged: a JSON stream may lead to a server that reads
		// one request at a time.
		if (this.framing == Framing.LENGTH_PREFIXED && this.keepaliveIntervalNanos > 0) {
			channel.pipeline()
				.addLast("keepalive", new IdleStateHandler(this.keepaliveIntervalNanos, 0, 0, TimeUnit.NANOSECONDS));
		}
		// 4. Responses matched to the calls in flight; requests leave through a WriteBatcher.
		channel.pipeline().addLast("calls", this.calls);
	}

}
