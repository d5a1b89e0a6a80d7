package dev.jrpc.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolDetectorTests {

	private final List<Framing> chosen = new ArrayList<>();

	private final EmbeddedChannel channel = new EmbeddedChannel();

	ProtocolDetectorTests() {
		this.channel.freezeTime();
		// As the server does: the detector installs the framing it found behind itself.
		this.channel.pipeline().addLast("detector", new ProtocolDetector((framing) -> {
			this.chosen.add(framing);
			this.channel.pipeline().addLast("framer", framing.newDecoder(1024));
			this.channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {

				@Override
				public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
					// A text cut off when the test closes the channel.
				}

			});
		}, Duration.ofSeconds(10)));
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void choosesNativeFramesForAZeroFirstByteAndHandsTheWholeFrameOn() {
		this.channel.writeInbound(frame("{\"a\":1}"));
		assertThat(this.chosen).containsExactly(Framing.LENGTH_PREFIXED);
		assertThat(this.channel.pipeline().get("detector")).isNull();
		assertThat(readAll()).containsExactly("{\"a\":1}");
	}

	@Test
	void choosesNativeFramesFromTheFirstByteAloneAndHandsOnTheRestAsItComes() {
		ByteBuf frame = frame("{\"a\":1}");
		this.channel.writeInbound(frame.readRetainedSlice(1));
		assertThat(this.chosen).containsExactly(Framing.LENGTH_PREFIXED);
		assertThat(readAll()).isEmpty();
		this.channel.writeInbound(frame);
		assertThat(readAll()).containsExactly("{\"a\":1}");
	}

	@Test
	void choosesJsonStreamForAnOpeningBrace() {
		write("{\"a\":1}{\"b\":2}");
		assertThat(this.chosen).containsExactly(Framing.JSON_STREAM);
		assertThat(this.channel.pipeline().get("detector")).isNull();
		assertThat(readAll()).containsExactly("{\"a\":1}", "{\"b\":2}");
	}

	@Test
	void choosesJsonStreamForAnOpeningBracket() {
		write("[{\"a\":1}]");
		assertThat(this.chosen).containsExactly(Framing.JSON_STREAM);
		assertThat(readAll()).containsExactly("[{\"a\":1}]");
	}

	@Test
	void skipsLeadingWhitespaceEvenWhenItComesAlone() {
		write(" \r\n\t");
		assertThat(this.chosen).isEmpty();
		assertThat(this.channel.isOpen()).isTrue();
		write("\n {\"a\":1}");
		assertThat(this.chosen).containsExactly(Framing.JSON_STREAM);
		assertThat(readAll()).containsExactly("{\"a\":1}");
	}

	@Test
	void closesTheConnectionForAnyOtherFirstByte() {
		write("GET / HTTP/1.1\r\n\r\n");
		assertThat(this.chosen).isEmpty();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(readAll()).isEmpty();
	}

	@Test
	void closesTheConnectionForAnotherByteAfterLeadingWhitespace() {
		write("  \nx{}");
		assertThat(this.chosen).isEmpty();
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void closesTheConnectionForAFrameHeaderThatDoesNotStartWithZero() {
		this.channel.writeInbound(Unpooled.buffer().writeInt(100 * 1024 * 1024));
		assertThat(this.chosen).isEmpty();
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void closesAConnectionThatBeginsNoMessageWithinTheFirstByteTimeout() {
		write(" \n");
		this.channel.advanceTimeBy(9, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).as("open after 9 s").isTrue();

		this.channel.advanceTimeBy(1, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();

		assertThat(this.channel.isOpen()).as("whitespace is no message").isFalse();
		assertThat(this.chosen).isEmpty();
	}

	@Test
	void aConnectionThatBeganAMessageInTimeIsNotClosedByTheFirstByteTimeout() {
		this.channel.advanceTimeBy(9, TimeUnit.SECONDS);
		write("{\"a\":");
		this.channel.advanceTimeBy(1, TimeUnit.HOURS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).isTrue();
	}

	private static ByteBuf frame(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return Unpooled.buffer().writeInt(body.length).writeBytes(body);
	}

	private void write(String text) {
		this.channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	private List<String> readAll() {
		List<String> frames = new ArrayList<>();
		ByteBuf frame;
		while ((frame = this.channel.readInbound()) != null) {
			frames.add(frame.toString(StandardCharsets.UTF_8));
			frame.release();
		}
		return frames;
	}

}
