package dev.jrpc.internal.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JacksonStdImpl;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads a long string of plain ASCII straight from the frame's bytes, and every other string as
 * Jackson does.
 * <p>
 * Jackson's parser decodes a string byte by byte into its text buffer, in segments that it then
 * joins into one {@code char[]}, which the {@code String} constructor compresses back to one byte a
 * character: three passes and twice the string's size in garbage, which made reading the
 * benchmark's 256 KiB echo about a third of each side's CPU once writing it was fast. In a frame of
 * at least {@value ByteBufJson#LARGE_FRAME} bytes (a parser over a {@link FrameInput}), this reads
 * the string's bytes from the frame at the parser's offset: one word-at-a-time scan
 * ({@link PlainAscii}) finds the first byte that is not plain ASCII, which must be the closing
 * quote, and the string is made from a copy of the bytes between. Anything else (an escape, a byte
 * beyond ASCII, a control character, a string the parser has already read or any doubt about the
 * offset) goes through Jackson, so the value is the same either way. The parser then skips the
 * string's bytes it has not buffered yet ({@link FrameInput#skipTo}) and steps over the rest, so
 * the token must not be read again through the parser itself (reading it again through this
 * deserializer gives the same string); jrpc never does.
 * <p>
 * Marked as Jackson's standard implementation, so that Jackson keeps its own paths for arrays and
 * collections of strings and for untyped values, which read their strings themselves.
 */
@JacksonStdImpl
public final class LargeStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.hasToken(JsonToken.VALUE_STRING) && parser.streamReadInputSource() instanceof FrameInput input) {
			long offset = parser.currentTokenLocation().getByteOffset();
			String again = input.readAgain(offset);
			if (again != null) {
				return again;
			}
			String plain = readPlain(input, offset);
			if (plain != null) {
				parser.streamReadConstraints().validateStringLength(plain.length());
				return plain;
			}
		}
		return super.deserialize(parser, context);
	}

	/**
	 * The string whose opening quote is at the parser's {@code offset}, the stream moved past it;
	 * or null when it is not plain ASCII, or not at that offset.
	 */
	static @Nullable String readPlain(FrameInput input, long offset) {
		int quote = input.index(offset);
		ByteBuffer words = input.littleEndianView();
		if (quote < 0 || words == null || input.frame().getByte(quote) != '"') {
			return null;
		}
		int from = quote + 1 - input.start();
		int end = PlainAscii.firstNotPlain(words, from);
		if (end == words.limit() || words.get(end) != '"') {
			return null;
		}
		byte[] bytes = new byte[end - from];
		words.get(from, bytes);
		// Latin-1 decoding of ASCII is a plain copy into the string's own bytes.
		String string = new String(bytes, StandardCharsets.ISO_8859_1);
		// The parser goes on from the closing quote, or from where it had buffered to, if further.
		input.skipTo(input.start() + end, offset, string);
		return string;
	}

}
