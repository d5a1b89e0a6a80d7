package dev.jrpc.internal.transport;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBatcherTests {

	private final AtomicInteger flushes = new AtomicInteger();

	private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
		@Override
		public void flush(ChannelHandlerContext ctx) {
			WriteBatcherTests.this.flushes.incrementAndGet();
			ctx.flush();
		}
	});

	private final WriteBatcher writes = new WriteBatcher(this.channel);

	@Test
	void writesMessagesQueuedWhileTheLoopIsBusyInOrderWithOneFlush() {
		ChannelFuture first = this.writes.write(text("a"));
		this.writes.write(text("b"));
		ChannelFuture last = this.writes.write(text("c"));
		assertThat(first.isDone()).isFalse();
		this.channel.runPendingTasks();
		assertThat(this.flushes).hasValue(1);
		assertThat(first.isSuccess()).isTrue();
		assertThat(last.isSuccess()).isTrue();
		assertThat(read()).isEqualTo("a");
		assertThat(read()).isEqualTo("b");
		assertThat(read()).isEqualTo("c");
	}

	@Test
	void flushesALoneMessageAtTheNextRunAndSchedulesAgainForTheNext() {
		this.writes.write(text("a"));
		this.channel.runPendingTasks();
		this.writes.write(text("b"));
		this.channel.runPendingTasks();
		assertThat(this.flushes).hasValue(2);
		assertThat(read()).isEqualTo("a");
		assertThat(read()).isEqualTo("b");
	}

	@Test
	void failsTheFutureOfAMessageWrittenToAClosedChannel() {
		this.channel.close();
		ChannelFuture write = this.writes.write(text("late"));
		this.channel.runPendingTasks();
		assertThat(write.isDone()).isTrue();
		assertThat(write.isSuccess()).isFalse();
	}

	private static ByteBuf text(String text) {
		return Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	private String read() {
		ByteBuf buf = this.channel.readOutbound();
		try {
			return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
		}
		finally {
			buf.release();
		}
	}

}
