package dev.jrpc.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The message read timeout before each framer, on an {@link EmbeddedChannel} whose clock the test moves. */
class MessageReadTimeoutTests {

	private EmbeddedChannel channel;

	private final ReadGate gate = new ReadGate();

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	private void open(Framing framing) {
		this.channel = new EmbeddedChannel();
		this.channel.freezeTime();
		MessageDecoder framer = framing.newDecoder(1 << 20);
		this.channel.pipeline().addLast(new MessageReadTimeout(framer, this.gate, Duration.ofSeconds(30)), framer,
				new ChannelInboundHandlerAdapter() {

					@Override
					public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
						// A text cut off by the close: the framer says so, as the connection handler would hear.
					}

				});
	}

	private void send(ByteBuf bytes) {
		this.channel.writeInbound(bytes);
		ByteBuf frame;
		while ((frame = this.channel.readInbound()) != null) {
			frame.release();
		}
	}

	private void send(String text) {
		send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	private void wait(int seconds) {
		this.channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
	}

	private static ByteBuf frame(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return Unpooled.buffer().writeInt(body.length).writeBytes(body);
	}

	@Test
	void closesAConnectionWhoseNativeFrameTricklesInForLongerThanTheTimeout() {
		open(Framing.LENGTH_PREFIXED);
		ByteBuf frame = frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"g.greet\",\"params\":[\"Ada\"]}");
		for (int second = 0; second < 29; second++) {
			send(frame.readRetainedSlice(1));
			wait(1);
		}
		assertThat(this.channel.isOpen()).as("open after 29 s, one byte a second").isTrue();

		send(frame.readRetainedSlice(1));
		wait(1);

		assertThat(this.channel.isOpen()).isFalse();
		frame.release();
	}

	@Test
	void closesAConnectionThatSentHalfAJsonTextAndNothingMore() {
		open(Framing.JSON_STREAM);
		send("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth");
		wait(29);
		assertThat(this.channel.isOpen()).isTrue();

		wait(1);

		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void eachMessageGetsTheWholeTimeoutAndAQuietConnectionNoneAtAll() {
		open(Framing.JSON_STREAM);
		// Messages that each end in a later read than they began, back to back for two minutes.
		send("{\"a\":");
		for (int i = 0; i < 6; i++) {
			wait(20);
			send("1}\n{\"a\":");
		}
		wait(20);
		send("1}\n  ");
		assertThat(this.channel.isOpen()).isTrue();

		wait(3600);

		assertThat(this.channel.isOpen()).as("nothing begun: whitespace between messages is no message").isTrue();
	}

	@Test
	void timeDuringWhichTheServerPausedReadingDoesNotCount() {
		open(Framing.LENGTH_PREFIXED);
		send(Unpooled.buffer().writeInt(100).writeByte('{'));
		wait(10);
		this.gate.pause(this.channel, ReadGate.Reason.BUDGET);
		wait(25);
		this.gate.resume(this.channel, ReadGate.Reason.BUDGET);
		assertThat(this.channel.isOpen()).as("35 s, of which 25 paused").isTrue();

		wait(19);
		assertThat(this.channel.isOpen()).as("29 s the client's").isTrue();
		wait(1);

		assertThat(this.channel.isOpen()).isFalse();
	}

}
