package dev.jrpc.benchmark.floor;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Holds the calls in flight by request id and completes each with the size of its answer: the
 * floor reads the answer off the socket and wakes its caller, and does nothing else with it.
 */
final class FloorClientHandler extends ChannelInboundHandlerAdapter {

	private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();

	CompletableFuture<Integer> expect(long id) {
		CompletableFuture<Integer> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		return answer;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			CompletableFuture<Integer> answer = this.pending.remove(frame.readLong());
			if (answer != null) {
				answer.complete(frame.readableBytes());
			}
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		IOException closed = new IOException("The floor server closed the connection");
		this.pending.values().forEach((answer) -> answer.completeExceptionally(closed));
		this.pending.clear();
	}

}
