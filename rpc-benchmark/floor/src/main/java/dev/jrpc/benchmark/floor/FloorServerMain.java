package dev.jrpc.benchmark.floor;

import dev.jrpc.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

/**
 * Serves the floor on 127.0.0.1 and the port given as the only argument, until the JVM is
 * stopped. At startup it captures jrpc's response to each case; then it only replays them.
 */
public final class FloorServerMain {

	private FloorServerMain() {
	}

	public static void main(String[] args) throws Exception {
		CapturedExchange[] exchanges = JrpcCapture.capture();
		ByteBuf[] responses = new ByteBuf[exchanges.length];
		for (int i = 0; i < exchanges.length; i++) {
			responses[i] = FloorFrames.sharedPayload(exchanges[i].response());
		}
		FloorServerHandler handler = new FloorServerHandler(responses);
		// jrpc's own transport choice (epoll when it loads) and, as jrpc's server, one I/O thread per processor.
		Transport transport = Transport.detect();
		EventLoopGroup group = transport.newEventLoopGroup(Runtime.getRuntime().availableProcessors(), "floor-server",
				false);
		Channel listening = new ServerBootstrap().group(group)
			.channel(transport.serverChannelType())
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(FloorFrames.decoder(), handler);
				}

			})
			.bind("127.0.0.1", Integer.parseInt(args[0]))
			.sync()
			.channel();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully().syncUninterruptibly()));
		System.out.println("Floor server (" + transport + ") listening on " + listening.localAddress());
	}

}
