package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long an endpoint whose connection failed rests before it is tried again: gRPC's connection
 * backoff, by default 1 s after the first failure, then × 1.6 after each further one up to 120 s,
 * each spread by ± 20 %. The jitter comes from a replaceable source, so that tests can pin it.
 */
final class ConnectionBackoff {

	private final long initialNanos;

	private final double multiplier;

	private final double jitter;

	private final long maxNanos;

	private final DoubleSupplier random;

	/**
	 * @param random uniform values in [0, 1)
	 */
	ConnectionBackoff(Duration initial, double multiplier, double jitter, Duration max, DoubleSupplier random) {
		this.initialNanos = initial.toNanos();
		this.multiplier = multiplier;
		this.jitter = jitter;
		this.maxNanos = max.toNanos();
		this.random = random;
	}

	/** The rest after {@code failures} consecutive failures (1 for the first), in nanoseconds. */
	long delayNanos(int failures) {
		double delay = this.initialNanos;
		for (int i = 1; i < failures && delay < this.maxNanos; i++) {
			delay *= this.multiplier;
		}
		delay = Math.min(delay, this.maxNanos);
		double spread = 1 + this.jitter * (2 * this.random.getAsDouble() - 1);
		return (long) (delay * spread);
	}

}
