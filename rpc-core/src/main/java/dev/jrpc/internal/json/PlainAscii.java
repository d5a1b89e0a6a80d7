package dev.jrpc.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i);
			if ((word & HIGHS) != 0 || hasByteBelow(word, 0x20) || hasByte(word, '"') || hasByte(word, '\\')) {
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

	/** Whether a byte of {@code word}, each below 0x80, is below {@code limit}. */
	private static boolean hasByteBelow(long word, int limit) {
		return ((word - ONES * limit) & ~word & HIGHS) != 0;
	}

	/** Whether a byte of {@code word}, each below 0x80, is {@code value}. */
	private static boolean hasByte(long word, int value) {
		return hasByteBelow(word ^ (ONES * value), 1);
	}

}
