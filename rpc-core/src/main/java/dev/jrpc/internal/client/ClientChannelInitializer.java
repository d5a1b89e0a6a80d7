package dev.jrpc.internal.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.transport.PipelineStep;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds a client connection's pipeline, in order: the optional steps that must see the raw bytes
 * (TLS), framing capped at the frame limit, the keepalive timer on native connections, and the
 * handler of the calls.
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {

	private final List<PipelineStep> firstSteps;

	private final Framing framing;

	private final int maxFrameSize;

	private final long keepaliveIntervalNanos;

	private final ClientChannel calls;

	ClientChannelInitializer(List<PipelineStep> firstSteps, Framing framing, int maxFrameSize,
			long keepaliveIntervalNanos, ClientChannel calls) {
		this.firstSteps = firstSteps;
		this.framing = framing;
		this.maxFrameSize = maxFrameSize;
		this.keepaliveIntervalNanos = keepaliveIntervalNanos;
		this.calls = calls;
	}

	@Override
	protected void initChannel(Channel channel) {
		// 1. Optional first steps on the raw bytes, such as TLS.
		for (PipelineStep step : this.firstSteps) {
			step.addTo(channel);
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
