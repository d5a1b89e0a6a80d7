package dev.jrpc.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import dev.jrpc.RpcJsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strings read from large frames: the same values as Jackson's own reading, whether they take the
 * fast path or not, from heap and direct buffers, at any position in the buffer; and the parser
 * goes on at the right place after each.
 */
class LargeStringDeserializerTests {

	private final JsonMapper fast = RpcJsonMapper.create(16 * 1024 * 1024);

	private final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void readsTheSameValuesAsJacksonFromLargeFrames() {
		Random random = new Random(7);
		String ascii = ascii(random, 20_000, 0x20, 0x7f).replace("\"", "").replace("\\", "");
		Message message = new Message(ascii, "short", ascii + "é" + ascii, ascii + "\n\"quoted\"\t" + ascii, "",
				List.of(ascii, "x", ascii.substring(0, 9_000)), ascii.substring(1, 513));
		byte[] json = this.plain.writeValueAsBytes(message);
		assertThat(json.length).isGreaterThan(ByteBufJson.LARGE_FRAME);
		for (ByteBuf frame : frames(json)) {
			try (JsonParser parser = ByteBufJson.parser(this.fast, frame)) {
				assertThat(parser.streamReadInputSource()).isInstanceOf(FrameInput.class);
				assertThat(this.fast.readValue(parser, Message.class)).isEqualTo(message);
			}
			finally {
				frame.release();
			}
		}
	}

	@Test
	void readsStringsThatAreTheWholeFrameOrSitAmongWhitespace() {
		String ascii = "0123456789abcdef".repeat(1024);
		for (String json : List.of('"' + ascii + '"', " \n\t\"" + ascii + "\" ", "[ \"" + ascii + "\" , \"" + ascii
				+ "\"]")) {
			for (ByteBuf frame : frames(json.getBytes(StandardCharsets.UTF_8))) {
				try (JsonParser parser = ByteBufJson.parser(this.fast, frame)) {
					Object value = json.startsWith("[") ? this.fast.readValue(parser, String[].class)
							: this.fast.readValue(parser, String.class);
					Object expected = json.startsWith("[") ? new String[] { ascii, ascii } : ascii;
					assertThat(value).isEqualTo(expected);
				}
				finally {
					frame.release();
				}
			}
		}
	}

	@Test
	void findsTheStringWhereTheParserSaysItStarts() {
		String ascii = "0123456789abcdef".repeat(1024);
		byte[] json = ("{\"a\" : 1, \"text\":  \"" + ascii + "\"}").getBytes(StandardCharsets.UTF_8);
		for (ByteBuf frame : frames(json)) {
			try (JsonParser parser = ByteBufJson.parser(this.fast, frame)) {
				while (parser.nextToken() != JsonToken.VALUE_STRING) {
					// to the string
				}
				assertThat(LargeStringDeserializer.readPlain((FrameInput) parser.streamReadInputSource(),
						parser.currentTokenLocation().getByteOffset()))
					.isEqualTo(ascii);
			}
			finally {
				frame.release();
			}
		}
	}

	@Test
	void takesTheFastPathOnlyForPlainAsciiBetweenItsQuotes() {
		String ascii = "0123456789abcdef".repeat(64);
		ByteBuf frame = Unpooled.copiedBuffer("xx[\"" + ascii + "\",\"a\\\"b\",\"é\"]", StandardCharsets.UTF_8)
			.readerIndex(2);
		try {
			assertThat(readPlain(frame, 1)).isEqualTo(ascii);
			assertThat(readPlain(frame, ascii.length() + 4)).isNull();
			assertThat(readPlain(frame, ascii.length() + 11)).isNull();
			// Not at a quote, or past the end: Jackson's path.
			assertThat(readPlain(frame, 0)).isNull();
			assertThat(readPlain(frame, frame.readableBytes())).isNull();
			assertThat(readPlain(frame, -1)).isNull();
		}
		finally {
			frame.release();
		}
	}

	@Test
	void theParserGoesOnAfterTheStringItSkippedWithOffsetsThatStillFindTheNextOne() {
		String ascii = "0123456789abcdef".repeat(2048);
		byte[] json = ("[\"" + ascii + "\",\"" + ascii + "\"]").getBytes(StandardCharsets.UTF_8);
		ByteBuf frame = Unpooled.directBuffer(json.length).writeBytes(json);
		try (JsonParser parser = ByteBufJson.parser(this.fast, frame)) {
			FrameInput input = (FrameInput) parser.streamReadInputSource();
			assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
			assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
			assertThat(LargeStringDeserializer.readPlain(input, parser.currentTokenLocation().getByteOffset()))
				.isEqualTo(ascii);
			// The parser had buffered a few KiB; the rest of the string is skipped, not read.
			assertThat(input.index(0)).isGreaterThan(ascii.length() - 16 * 1024);
			assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
			assertThat(LargeStringDeserializer.readPlain(input, parser.currentTokenLocation().getByteOffset()))
				.isEqualTo(ascii);
			assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
			assertThat(parser.nextToken()).isNull();
		}
		finally {
			frame.release();
		}
	}

	@Test
	void theSameTokenReadAgainThroughTheDeserializerIsTheSameString() throws Exception {
		String ascii = "0123456789abcdef".repeat(2048);
		byte[] json = ("[\"" + ascii + "\"]").getBytes(StandardCharsets.UTF_8);
		ByteBuf frame = Unpooled.directBuffer(json.length).writeBytes(json);
		try (JsonParser parser = ByteBufJson.parser(this.fast, frame)) {
			parser.nextToken();
			parser.nextToken();
			LargeStringDeserializer deserializer = new LargeStringDeserializer();
			var context = this.fast._deserializationContext();
			assertThat(deserializer.deserialize(parser, context)).isEqualTo(ascii);
			assertThat(deserializer.deserialize(parser, context)).isEqualTo(ascii);
			assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
		}
		finally {
			frame.release();
		}
	}

	private static String readPlain(ByteBuf frame, long offset) {
		return LargeStringDeserializer.readPlain(new FrameInput(frame), offset);
	}

	/** The JSON in a heap buffer, a direct one, and a slice that starts inside a larger buffer. */
	private static List<ByteBuf> frames(byte[] json) {
		ByteBuf larger = Unpooled.directBuffer(json.length + 20).writeZero(7).writeBytes(json).writeZero(13);
		return List.of(Unpooled.wrappedBuffer(json), Unpooled.directBuffer(json.length).writeBytes(json),
				larger.slice(7, json.length));
	}

	private static String ascii(Random random, int length, int from, int to) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (from + random.nextInt(to - from)));
		}
		return text.toString();
	}

	record Message(String first, String small, String unicode, String escaped, String empty, List<String> list,
			String last) {
	}

}
