package dev.jrpc.benchmark.scenario;

/** The strings the echo cases send: ASCII, so that characters and UTF-8 bytes are the same count. */
public final class EchoPayloads {

	/** 16 characters. */
	public static final String SHORT = "0123456789abcdef";

	/** 256 KiB: 262,144 characters. */
	public static final String LARGE = SHORT.repeat(256 * 1024 / SHORT.length());

	private EchoPayloads() {
	}

}
