package dev.jrpc.internal.server;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds each accepted connection's pipeline: first protocol detection, which then installs the
 * framing it found, capped at the frame limit, and the connection handler that reads requests and
 * dispatches calls.
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {

	private final RequestReader reader;

	private final CallDispatcher dispatcher;

	private final ObjectMapper mapper;

	private final int maxFrameSize;

	private final int maxBatchSize;

	private final ChannelGroup channels;

	ServerChannelInitializer(RequestReader reader, CallDispatcher dispatcher, ObjectMapper mapper, int maxFrameSize,
			int maxBatchSize, ChannelGroup channels) {
		this.maxBatchSize = maxBatchSize;
		this.reader = reader;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		this.maxFrameSize = maxFrameSize;
		this.channels = channels;
	}

	@Override
	protected void initChannel(Channel channel) {
		this.channels.add(channel);
		// 1. Protocol detection: the first byte chooses native frames or a JSON stream, once.
		channel.pipeline().addLast("detector", new ProtocolDetector((framing) -> configure(channel.pipeline(), framing)));
	}

	private void configure(ChannelPipeline pipeline, Framing framing) {
		// 2. Framing, failing as soon as a message passes the limit.
		pipeline.addLast("framer", framing.newDecoder(this.maxFrameSize));
		// 3. Requests in, calls dispatched to workers, responses out, batched by a WriteBatcher.
		MessageWriter writer = new MessageWriter(this.mapper, framing, this.maxFrameSize);
		pipeline.addLast("connection", new ServerConnection(this.reader, this.dispatcher, writer, this.maxFrameSize,
				this.maxBatchSize));
	}

}
