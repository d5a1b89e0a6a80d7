package dev.jrpc.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonStreamFrameDecoderTests {

	private static final int MAX = 64;

	private EmbeddedChannel channel = new EmbeddedChannel(new JsonStreamFrameDecoder(MAX));

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void splitsTextsThatFollowOneAnotherWithoutWhitespace() {
		write("{\"a\":1}{\"b\":[1,2]}[3,{}]");
		assertThat(readAll()).containsExactly("{\"a\":1}", "{\"b\":[1,2]}", "[3,{}]");
	}

	@Test
	void skipsWhitespaceBetweenTextsAndKeepsWhitespaceInsideThem() {
		write(" \n\t{ \"a\" : [ 1 , 2 ] }\r\n\n  [\n]\n ");
		assertThat(readAll()).containsExactly("{ \"a\" : [ 1 , 2 ] }", "[\n]");
	}

	@Test
	void joinsATextSplitAtEveryPossibleChunkBoundary() {
		String texts = "{\"s\":\"a}b\\\"c\"}\n[{\"t\":[]}]";
		for (int split = 0; split <= texts.length(); split++) {
			this.channel.finishAndReleaseAll();
			this.channel = new EmbeddedChannel(new JsonStreamFrameDecoder(MAX));
			write(texts.substring(0, split));
			write(texts.substring(split));
			assertThat(readAll()).as("split at %d", split).containsExactly("{\"s\":\"a}b\\\"c\"}", "[{\"t\":[]}]");
		}
	}

	@Test
	void joinsATextWrittenOneByteAtATime() {
		byte[] bytes = "{\"a\":{\"b\":\"[x]\"}} {\"c\":2}".getBytes(StandardCharsets.UTF_8);
		List<String> frames = new ArrayList<>();
		for (byte b : bytes) {
			this.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
			frames.addAll(readAll());
		}
		assertThat(frames).containsExactly("{\"a\":{\"b\":\"[x]\"}}", "{\"c\":2}");
	}

	@Test
	void isNotConfusedByBracketsAndBracesInsideStrings() {
		write("{\"a\":\"}}]]\",\"b\":\"{{[[\"}{\"c\":\"]\"}");
		assertThat(readAll()).containsExactly("{\"a\":\"}}]]\",\"b\":\"{{[[\"}", "{\"c\":\"]\"}");
	}

	@Test
	void isNotConfusedByEscapedQuotesInsideStrings() {
		write("{\"a\":\"say \\\"}\\\" and go\"}{\"b\":1}");
		assertThat(readAll()).containsExactly("{\"a\":\"say \\\"}\\\" and go\"}", "{\"b\":1}");
	}

	@Test
	void endsAStringAtAQuoteThatFollowsAnEscapedBackslash() {
		// "\\" is one backslash: the quote after it closes the string, so the brace closes the text.
		write("{\"a\":\"\\\\\"}{\"b\":\"\\\\\\\\\",\"c\":\"\\\\\\\"\"}");
		assertThat(readAll()).containsExactly("{\"a\":\"\\\\\"}", "{\"b\":\"\\\\\\\\\",\"c\":\"\\\\\\\"\"}");
	}

	@Test
	void passesMultiByteUtf8CharactersThroughWholeEvenWhenSplitInsideOne() {
		String text = "{\"name\":\"Zoë 日本 😀\",\"x\":\"é}\"}";
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		List<String> frames = new ArrayList<>();
		for (byte b : bytes) {
			this.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
			frames.addAll(readAll());
		}
		assertThat(frames).containsExactly(text);
	}

	@Test
	void acceptsATextOfExactlyTheLimit() {
		String text = "{\"a\":\"" + "x".repeat(MAX - 8) + "\"}";
		assertThat(text).hasSize(MAX);
		write(text);
		assertThat(readAll()).containsExactly(text);
	}

	@Test
	void failsATextOverTheLimitAsSoonAsTheLimitIsPassedWithoutWaitingForItsEnd() {
		String start = "{\"a\":\"" + "x".repeat(MAX);
		assertThatThrownBy(() -> write(start)).isInstanceOf(TooLongFrameException.class)
			.hasMessageContaining(String.valueOf(MAX));
		assertThat(readAll()).isEmpty();
	}

	@Test
	void failsAWholeTextOneByteOverTheLimit() {
		String text = "{\"a\":\"" + "x".repeat(MAX - 7) + "\"}";
		assertThat(text).hasSize(MAX + 1);
		assertThatThrownBy(() -> write(text)).isInstanceOf(TooLongFrameException.class);
	}

	@Test
	void countsTheLimitInBytesNotCharacters() {
		// 28 characters, 20 of them of 3 bytes each: 68 bytes in all.
		String text = "{\"a\":\"" + "日".repeat(20) + "\"}";
		assertThat(text.length()).isLessThan(MAX);
		assertThatThrownBy(() -> write(text)).isInstanceOf(TooLongFrameException.class);
	}

	@Test
	void failsATextOverTheLimitThatArrivesInSmallChunks() {
		write("{\"a\":\"");
		for (int i = 0; i < MAX - 7; i++) {
			write("x");
		}
		assertThatThrownBy(() -> write("xx")).isInstanceOf(TooLongFrameException.class);
	}

	@Test
	void failsABadStartByte() {
		assertThatThrownBy(() -> write("hello")).isInstanceOf(CorruptedFrameException.class)
			.hasMessageContaining("0x68");
	}

	@Test
	void emitsTheTextsBeforeABadByteThenFailsAndDiscardsEverythingAfter() {
		assertThatThrownBy(() -> write("{\"a\":1} x {\"b\":2}")).isInstanceOf(CorruptedFrameException.class);
		assertThat(readAll()).containsExactly("{\"a\":1}");
		write("{\"c\":3}");
		assertThat(readAll()).isEmpty();
	}

	@Test
	void failsATextCutOffByTheEndOfTheStream() {
		write("{\"a\":1}{\"b\":");
		assertThat(readAll()).containsExactly("{\"a\":1}");
		assertThatThrownBy(() -> this.channel.finish()).isInstanceOf(CorruptedFrameException.class)
			.hasMessageContaining("ended inside");
	}

	@Test
	void endsCleanlyAfterTrailingWhitespace() {
		write("{\"a\":1}\n  \n");
		assertThat(readAll()).containsExactly("{\"a\":1}");
		assertThat(this.channel.finish()).isFalse();
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
