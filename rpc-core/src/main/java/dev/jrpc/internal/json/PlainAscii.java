package dev.jrpc.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks, eight bytes at a time, whether bytes are plain ASCII text in JSON: every byte from 0x20
 * to 0x7F, none of them a quote or a backslash. Such bytes are the same in a JSON string's text as
 * in the string's UTF-8 (or Latin-1) encoding, so they can be copied instead of escaped or
 * decoded one character at a time.
 */
final class PlainAscii {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private PlainAscii() {
	}

	/** Whether {@code length} bytes of {@code bytes} from {@code offset} are all plain ASCII text. */
	static boolean isPlain(byte[] bytes, int offset, int length) {
		int i = offset;
		int end = offset + length;
		// Four words between branches: the checks of each word are independent, so they overlap.
		for (; i + 4 * Long.BYTES <= end; i += 4 * Long.BYTES) {
			long flags = flags((long) LONGS.get(bytes, i)) | flags((long) LONGS.get(bytes, i + 8))
					| flags((long) LONGS.get(bytes, i + 16)) | flags((long) LONGS.get(bytes, i + 24));
			if (flags != 0) {
				return false;
			}
		}
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			if (flags((long) LONGS.get(bytes, i)) != 0) {
				return false;
			}
		}
		for (; i < end; i++) {
			byte b = bytes[i];
			if (b < 0x20 || b == '"' || b == '\\') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The index of the first byte from {@code from} in {@code words}, a little-endian buffer, that
	 * is not plain ASCII text, or the buffer's limit when there is none.
	 */
	static int firstNotPlain(ByteBuffer words, int from) {
		if (words.order() != ByteOrder.LITTLE_ENDIAN) {
			throw new IllegalArgumentException("The buffer must be little-endian");
		}
		int limit = words.limit();
		int i = from;
		for (; i + Long.BYTES <= limit; i += Long.BYTES) {
			long flags = flags(words.getLong(i));
			if (flags != 0) {
				// Little-endian: the first byte in memory is the lowest, and only bytes after the
				// first one that is not plain can be flagged wrongly.
				return i + (Long.numberOfTrailingZeros(flags) >>> 3);
			}
		}
		for (; i < limit; i++) {
			byte b = words.get(i);
			if (b < 0x20 || b == '"' || b == '\\') {
				return i;
			}
		}
		return limit;
	}

	/**
	 * The high bit of each byte of {@code word} set when the byte is not plain text, or of some
	 * byte after one that is not: zero exactly when every byte is plain. A byte of 0x80 or more
	 * sets its own high bit; {@code (x - 0x01...) & ~x} sets the high bit of a zero byte of
	 * {@code x} (and may set it in the bytes after it, from the borrow, which changes nothing once
	 * one byte is not plain); applied to the word less 0x20 in each byte, and to the word XOR a
	 * quote or a backslash, it finds control characters, quotes and backslashes.
	 */
	private static long flags(long word) {
		long quote = word ^ (ONES * '"');
		long backslash = word ^ (ONES * '\\');
		return (word | ((word - ONES * 0x20) & ~word) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash))
				& HIGHS;
	}

}
