package dev.jrpc.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a long string that needs no escaping in one copy, and every other string as Jackson does.
 * <p>
 * Jackson writes each string character by character through its escape table: for the benchmark's
 * 256 KiB echo that was 55 to 60 % of each side's CPU (issue 12's profile). A string of at least
 * {@value #MIN_LENGTH} characters, all ASCII and none of them a control character, a quote or a
 * backslash, is the same bytes in its UTF-8 encoding as in its JSON text but for the quotes: the
 * JDK encodes such a string with a vectorized copy, the check reads eight bytes at a time, and
 * {@link JsonGenerator#writeRawUTF8String} adds the quotes and writes the bytes at once. Shorter
 * strings, where that costs more than it saves, and any string with a character to escape or
 * beyond ASCII go through Jackson, so the output is the same, byte for byte, either way; so do all
 * strings when the mapper was set to escape more than JSON requires.
 */
public final class LargeStringSerializer extends StdSerializer<String> {

	/** Strings shorter than this go through Jackson: the copy and the check cost more than they save. */
	static final int MIN_LENGTH = 512;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	public LargeStringSerializer() {
		super(String.class);
	}

	@Override
	public void serialize(String value, JsonGenerator generator, SerializationContext context) {
		if (value.length() >= MIN_LENGTH && escapesAsByDefault(generator)) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			// As many bytes as characters: all ASCII, so no surrogate and nothing beyond ASCII to encode.
			if (bytes.length == value.length() && !needsEscaping(bytes)) {
				generator.writeRawUTF8String(bytes, 0, bytes.length);
				return;
			}
		}
		generator.writeString(value);
	}

	/**
	 * Whether {@code generator} escapes only what JSON requires: not when an application's mapper
	 * was set to escape more (its own character escapes, or forward slashes), which the fast path
	 * would not.
	 */
	private static boolean escapesAsByDefault(JsonGenerator generator) {
		return generator instanceof JsonGeneratorBase json && json.getCharacterEscapes() == null
				&& !json.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES);
	}

	/** Whether an ASCII text holds a byte JSON escapes in a string: a control character, '"' or '\'. */
	static boolean needsEscaping(byte[] ascii) {
		int i = 0;
		for (; i + Long.BYTES <= ascii.length; i += Long.BYTES) {
			long word = (long) LONGS.get(ascii, i);
			if (hasByteBelow(word, 0x20) || hasByte(word, '"') || hasByte(word, '\\')) {
				return true;
			}
		}
		for (; i < ascii.length; i++) {
			byte b = ascii[i];
			if (b < 0x20 || b == '"' || b == '\\') {
				return true;
			}
		}
		return false;
	}

	/** Whether a byte of {@code word}, each below 0x80, is below {@code limit}. */
	private static boolean hasByteBelow(long word, int limit) {
		return ((word - ONES * limit) & ~word & HIGHS) != 0;
	}

	/** Whether a byte of {@code word}, each below 0x80, is {@code value}. */
	private static boolean hasByte(long word, int value) {
		return hasByteBelow(word ^ (ONES * value), 1);
	}

}
