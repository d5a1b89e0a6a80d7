package dev.jrpc.benchmark.floor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.jrpc.benchmark.scenario.ScenarioCase;
import dev.jrpc.internal.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

/**
 * One connection to the floor server, shared by every caller: a call writes the captured jrpc
 * request of its case and blocks until the answer with its id arrives, within jrpc's default
 * timeout.
 */
final class FloorClient implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel channel;

	private final FloorClientHandler handler = new FloorClientHandler();

	private final AtomicLong ids = new AtomicLong();

	private final ByteBuf[] requests;

	FloorClient(int port, CapturedExchange[] exchanges) throws InterruptedException {
		this.requests = new ByteBuf[exchanges.length];
		for (int i = 0; i < exchanges.length; i++) {
			this.requests[i] = FloorFrames.sharedPayload(exchanges[i].request());
		}
		// As jrpc's client: its transport, TCP_NODELAY, and min(4, processors) I/O threads.
		Transport transport = Transport.detect();
		this.group = transport.newEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()),
				"floor-client", true);
		this.channel = new Bootstrap().group(this.group)
			.channel(transport.channelType())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(FloorFrames.decoder(), FloorClient.this.handler);
				}

			})
			.connect("127.0.0.1", port)
			.sync()
			.channel();
	}

	/** Makes one call of {@code scenarioCase}; returns the size of the answer. */
	int call(ScenarioCase scenarioCase) throws InterruptedException, ExecutionException, TimeoutException {
		long id = this.ids.incrementAndGet();
		var answer = this.handler.expect(id);
		this.channel.writeAndFlush(FloorFrames.request(this.channel.alloc(), id, scenarioCase.ordinal(),
				this.requests[scenarioCase.ordinal()]), this.channel.voidPromise());
		return answer.get(5, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
