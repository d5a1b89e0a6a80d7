package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs a kind of event a peer can cause at will (a plaintext client on a TLS port, a failed
 * handshake) as a warning at most once per interval, and at debug level in between, so that a
 * flood of such peers cannot flood the log.
 */
final class WarningLimit {

	private final long intervalNanos;

	/** When the next warning may be logged, on {@link System#nanoTime()}. */
	private final AtomicLong nextWarning;

	WarningLimit(Duration interval) {
		this.intervalNanos = interval.toNanos();
		this.nextWarning = new AtomicLong(System.nanoTime());
	}

	void log(Logger logger, String format, Object... arguments) {
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + this.intervalNanos)) {
			logger.warn(format + " (more of these within " + (this.intervalNanos / 1_000_000_000L)
					+ " s are logged at debug level)", arguments);
		}
		else {
			logger.debug(format, arguments);
		}
	}

}
