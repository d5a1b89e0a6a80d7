package dev.jrpc.benchmark.scenario;

import java.util.Arrays;

/**
 * What the echo cases send: ASCII strings, so that characters and UTF-8 bytes are the same count,
 * from 16 characters to 4 MiB, and one 1 MiB byte array.
 */
public final class EchoPayloads {

	/** 16 characters. */
	public static final String SHORT = "0123456789abcdef";

	/** 1 KiB: 1,024 characters. */
	public static final String KIB_1 = SHORT.repeat(1024 / SHORT.length());

	/** 16 KiB: 16,384 characters. */
	public static final String KIB_16 = SHORT.repeat(16 * 1024 / SHORT.length());

	/** 256 KiB: 262,144 characters. */
	public static final String LARGE = SHORT.repeat(256 * 1024 / SHORT.length());

	/** 4 MiB: 4,194,304 characters. */
	public static final String MIB_4 = SHORT.repeat(4 * 1024 * 1024 / SHORT.length());

	/** 1 MiB of bytes, every value from 0 to 255 in turn. */
	private static final byte[] BYTES_1_MIB = bytes(1024 * 1024);

	private EchoPayloads() {
	}

	/** The 1 MiB byte array itself; callers must not change it. */
	static byte[] sharedBytes1Mib() {
		return BYTES_1_MIB;
	}

	/** Whether {@code bytes} are those of the 1 MiB byte array. */
	public static boolean isBytes1Mib(byte[] bytes) {
		return Arrays.equals(BYTES_1_MIB, bytes);
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

}
