package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.internal.transport.PipelineStep;

/**
 * A client's settings, checked by the public builder.
 *
 * @param maxFrameSize largest request or response, in bytes
 * @param keepaliveInterval how long nothing may be read on a connection before the server is
 * pinged; zero for never
 * @param keepaliveTimeout how long a ping waits for its answer
 * @param firstSteps pipeline steps before framing, such as TLS
 * @param dnsRefreshInterval how often {@code dns:///} names are resolved again
 */
public record ClientSettings(int maxFrameSize, Duration keepaliveInterval, Duration keepaliveTimeout,
		List<PipelineStep> firstSteps, Duration dnsRefreshInterval) {

	/** Retries of idempotent calls that may have run: at most 25 ms before the first, doubling, at most 1 s. */
	static final long RETRY_INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	static final long RETRY_MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** gRPC's retry throttling defaults. */
	static final int BUDGET_MAX_TOKENS = 10;

	static final double BUDGET_TOKEN_RATIO = 0.1;

	/** Outlier ejection: 5 timeouts in a row set an endpoint aside for 30 s, more each time in a row. */
	static final int EJECT_AFTER_TIMEOUTS = 5;

	static final long EJECTION_NANOS = TimeUnit.SECONDS.toNanos(30);

	static ClusterSettings cluster(ClientSettings settings, Ticker ticker) {
		return new ClusterSettings(1, RETRY_INITIAL_BACKOFF_NANOS, RETRY_MAX_BACKOFF_NANOS, BUDGET_MAX_TOKENS,
				BUDGET_TOKEN_RATIO, EJECT_AFTER_TIMEOUTS, EJECTION_NANOS, ticker);
	}

}
