package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.transport.PipelineStep;
import org.jspecify.annotations.Nullable;

/**
 * A client's settings, checked by the public builder.
 *
 * @param maxFrameSize largest request or response, in bytes
 * @param keepaliveInterval how long nothing may be read on a connection before the server is
 * pinged; zero for never
 * @param keepaliveTimeout how long a ping waits for its answer
 * @param firstSteps pipeline steps before framing, such as TLS
 * @param dnsRefreshInterval how often {@code dns:///} names are resolved again
 * @param budgetMaxTokens tokens of each proxy's retry budget
 * @param budgetTokenRatio tokens a success gives back
 * @param backoffInitial the rest after a first failed connection
 * @param backoffMultiplier how much longer each further rest is
 * @param backoffJitter the spread of each rest, as a fraction either way
 * @param backoffMax the longest rest, before jitter
 * @param ejectAfterTimeouts timeouts in a row that set an endpoint aside
 * @param ejectionTime how long the first ejection lasts
 * @param inProcessName the server of this JVM that every proxy calls, whatever its address, or
 * null to call the addresses
 */
public record ClientSettings(int maxFrameSize, Duration keepaliveInterval, Duration keepaliveTimeout,
		List<PipelineStep> firstSteps, Duration dnsRefreshInterval, int budgetMaxTokens, double budgetTokenRatio,
		Duration backoffInitial, double backoffMultiplier, double backoffJitter, Duration backoffMax,
		int ejectAfterTimeouts, Duration ejectionTime, @Nullable String inProcessName) {

	/** Retries of idempotent calls that may have run: at most 25 ms before the first, doubling, at most 1 s. */
	static final long RETRY_INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	static final long RETRY_MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

	ClusterSettings cluster(Ticker ticker) {
		return new ClusterSettings(1, RETRY_INITIAL_BACKOFF_NANOS, RETRY_MAX_BACKOFF_NANOS, this.budgetMaxTokens,
				this.budgetTokenRatio, this.ejectAfterTimeouts, this.ejectionTime.toNanos(), ticker);
	}

	ConnectionBackoff backoff() {
		return new ConnectionBackoff(this.backoffInitial, this.backoffMultiplier, this.backoffJitter, this.backoffMax,
				Math::random);
	}

}
