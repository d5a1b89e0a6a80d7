package dev.jrpc.internal.json;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.json.UTF8JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a long string that needs no escaping in one copy, and every other string as Jackson does.
 * <p>
 * Jackson writes each string character by character through its escape table: for the benchmark's
 * 256 KiB echo that was 55 to 60 % of each side's CPU (issue 12's profile). A string of at least
 * {@value #MIN_LENGTH} characters, all ASCII and none of them a control character, a quote or a
 * backslash, is the same bytes in its UTF-8 encoding as in its JSON text but for the quotes: the
 * JDK encodes such a string with a vectorized copy, the check ({@link PlainAscii}) reads eight
 * bytes at a time, and {@link JsonGenerator#writeRawUTF8String} adds the quotes and writes the
 * bytes at once. Shorter
 * strings, where that costs more than it saves, and any string with a character to escape or
 * beyond ASCII go through Jackson, so the output is the same, byte for byte, either way; so do all
 * strings when the mapper was set to escape more than JSON requires.
 */
public final class LargeStringSerializer extends StdSerializer<String> {

	/** Strings shorter than this go through Jackson: the copy and the check cost more than they save. */
	static final int MIN_LENGTH = 512;

	public LargeStringSerializer() {
		super(String.class);
	}

	@Override
	public void serialize(String value, JsonGenerator generator, SerializationContext context) {
		if (value.length() >= MIN_LENGTH && writesUtf8AndEscapesAsByDefault(generator)) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			// As many bytes as characters: all ASCII, so no surrogate and nothing beyond ASCII to encode.
			if (bytes.length == value.length() && PlainAscii.isPlain(bytes, 0, bytes.length)) {
				// The generator flushes what it holds, then writes the bytes straight to the frame.
				ByteBufJson.reserve(generator, (long) generator.streamWriteOutputBuffered() + bytes.length + 2);
				generator.writeRawUTF8String(bytes, 0, bytes.length);
				return;
			}
		}
		generator.writeString(value);
	}

	/**
	 * Whether {@code generator} writes UTF-8 bytes (a generator over a {@code Writer} writes
	 * characters and cannot take raw bytes) and escapes only what JSON requires: not when an
	 * application's mapper was set to escape more (its own character escapes, or forward slashes),
	 * which the fast path would not.
	 */
	private static boolean writesUtf8AndEscapesAsByDefault(JsonGenerator generator) {
		return generator instanceof UTF8JsonGenerator json && json.getCharacterEscapes() == null
				&& !json.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES);
	}

}
