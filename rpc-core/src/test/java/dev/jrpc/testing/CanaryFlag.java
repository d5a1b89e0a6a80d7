package dev.jrpc.testing;

/**
 * Whether {@code dev.jrpc.testing.Canary} was ever loaded and initialised. Kept apart from the
 * canary, so that reading the flag does not load it.
 */
public final class CanaryFlag {

	/** The canary's fully-qualified name, as an attacker would put it on the wire. */
	public static final String CANARY = "dev.jrpc.testing.Canary";

	public static volatile boolean initialised;

	private CanaryFlag() {
	}

}
