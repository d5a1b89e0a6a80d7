package dev.jrpc.internal.server;

import java.util.Arrays;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections on {@link EmbeddedChannel}s sharing one inbound budget. */
class InboundBudgetGateTests {

	private static final int FRAME_LIMIT = 8 * 1024;

	private final InboundBudget budget = new InboundBudget(10 * 1024);

	private final EmbeddedChannel first = connection(Framing.LENGTH_PREFIXED);

	private final EmbeddedChannel second = connection(Framing.LENGTH_PREFIXED);

	@AfterEach
	void close() {
		this.first.finishAndReleaseAll();
		this.second.finishAndReleaseAll();
	}

	private EmbeddedChannel connection(Framing framing) {
		EmbeddedChannel channel = new EmbeddedChannel();
		MessageDecoder framer = framing.newDecoder(FRAME_LIMIT);
		channel.pipeline().addLast(new InboundBudgetGate(this.budget, framer, new ReadGate()), framer);
		return channel;
	}

	/** A frame announcing {@code length} bytes of body, split where the test says. */
	private static ByteBuf frame(int length) {
		byte[] body = new byte[length];
		Arrays.fill(body, (byte) 'x');
		return Unpooled.buffer().writeInt(length).writeBytes(body);
	}

	private static int received(EmbeddedChannel channel) {
		int frames = 0;
		ByteBuf frame;
		while ((frame = channel.readInbound()) != null) {
			frame.release();
			frames++;
		}
		return frames;
	}

	@Test
	void aMessageThatFindsNoRoomStopsItsConnectionUntilAnotherGivesRoomBack() {
		ByteBuf big = frame(6 * 1024);
		ByteBuf other = frame(6 * 1024);
		this.first.writeInbound(big.readRetainedSlice(1000));
		assertThat(this.budget.reserved()).as("room for the whole first message").isEqualTo(4 + 6 * 1024);

		this.second.writeInbound(other.readRetainedSlice(1000));
		assertThat(this.second.config().isAutoRead()).as("the second connection is not read").isFalse();
		assertThat(this.budget.waiting()).isEqualTo(1);

		this.first.writeInbound(big);
		assertThat(received(this.first)).isEqualTo(1);
		this.second.runPendingTasks();

		assertThat(this.second.config().isAutoRead()).as("read again once the first message is complete").isTrue();
		assertThat(this.budget.reserved()).isEqualTo(4 + 6 * 1024);
		this.second.writeInbound(other);
		assertThat(received(this.second)).isEqualTo(1);
		assertThat(this.budget.reserved()).isZero();
		assertThat(this.budget.highWater()).isLessThanOrEqualTo(this.budget.limit());
	}

	@Test
	void messagesReadWholeInOneReadNeedNoRoom() {
		ByteBuf many = Unpooled.buffer();
		for (int i = 0; i < 5; i++) {
			many.writeBytes(frame(4 * 1024));
		}
		this.first.writeInbound(many);

		assertThat(received(this.first)).isEqualTo(5);
		assertThat(this.budget.highWater()).isZero();
	}

	@Test
	void aJsonTextThatSpansReadsHoldsRoomForTheWholeFrameLimit() {
		EmbeddedChannel json = connection(Framing.JSON_STREAM);
		try {
			json.writeInbound(Unpooled.copiedBuffer("{\"a\":", java.nio.charset.StandardCharsets.UTF_8));
			assertThat(this.budget.reserved()).isEqualTo(FRAME_LIMIT);
			json.writeInbound(Unpooled.copiedBuffer("1}\n", java.nio.charset.StandardCharsets.UTF_8));
			assertThat(received(json)).isEqualTo(1);
			assertThat(this.budget.reserved()).isZero();
		}
		finally {
			json.finishAndReleaseAll();
		}
	}

	@Test
	void aConnectionThatClosesGivesItsRoomBackAndLeavesTheLine() {
		ByteBuf big = frame(6 * 1024);
		ByteBuf other = frame(6 * 1024);
		this.first.writeInbound(big.readRetainedSlice(1000));
		this.second.writeInbound(other.readRetainedSlice(1000));

		this.second.close();
		assertThat(this.budget.waiting()).isZero();
		this.first.close();

		assertThat(this.budget.reserved()).isZero();
		big.release();
		other.release();
	}

}
