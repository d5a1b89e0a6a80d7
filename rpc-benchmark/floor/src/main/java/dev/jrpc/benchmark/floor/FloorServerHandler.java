package dev.jrpc.benchmark.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers each request frame on the event loop with the captured response of its case. Writes are
 * flushed once per read, when the event loop has taken in all it could.
 */
@Sharable
final class FloorServerHandler extends ChannelInboundHandlerAdapter {

	private final ByteBuf[] responses;

	FloorServerHandler(ByteBuf[] responses) {
		this.responses = responses;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		long id;
		int caseIndex;
		try {
			id = frame.readLong();
			caseIndex = frame.readByte();
		}
		finally {
			frame.release();
		}
		ctx.write(FloorFrames.response(ctx.alloc(), id, this.responses[caseIndex]), ctx.voidPromise());
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
