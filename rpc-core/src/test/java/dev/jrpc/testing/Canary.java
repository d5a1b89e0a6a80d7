package dev.jrpc.testing;

/**
 * A class no code refers to: it is only ever named, as a string, in messages. Its static
 * initialiser raises {@link CanaryFlag#initialised}, so a test can prove that nothing named on
 * the wire was loaded and initialised.
 */
public class Canary extends RuntimeException {

	static {
		CanaryFlag.initialised = true;
	}

	public Canary() {
		super("canary");
	}

	public Canary(String message) {
		super(message);
	}

	public void setValue(String value) {
		throw new IllegalStateException("a canary was built from the wire: " + value);
	}

}
