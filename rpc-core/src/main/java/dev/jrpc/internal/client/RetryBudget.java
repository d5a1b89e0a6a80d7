package dev.jrpc.internal.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops retries of calls that may have run from multiplying the load on a failing service: gRPC's
 * retry throttling. The budget holds up to {@code maxTokens} tokens, full at first; each attempt
 * that fails in a way that may be retried takes one, each success gives back {@code tokenRatio};
 * retries are allowed only while more than half the tokens are left. With the defaults (10 tokens,
 * 0.1 per success), a service must answer about ten calls for each retried failure to keep
 * retrying, and once more than five failures outweigh the successes, retries stop until it
 * recovers. Calls that provably did not run are retried without drawing on it.
 */
final class RetryBudget {

	/** Tokens are counted in thousandths, so that a success's fraction adds up exactly. */
	private static final int SCALE = 1000;

	private final int maxTokens;

	private final int tokenRatio;

	private final AtomicInteger tokens;

	RetryBudget(int maxTokens, double tokenRatio) {
		this.maxTokens = maxTokens * SCALE;
		this.tokenRatio = (int) Math.round(tokenRatio * SCALE);
		this.tokens = new AtomicInteger(this.maxTokens);
	}

	/** An attempt failed in a way that may be retried. */
	void failed() {
		this.tokens.updateAndGet((current) -> Math.max(0, current - SCALE));
	}

	/** An attempt succeeded. */
	void succeeded() {
		if (this.tokens.get() < this.maxTokens) {
			this.tokens.updateAndGet((current) -> Math.min(this.maxTokens, current + this.tokenRatio));
		}
	}

	/** Whether a call that may have run may be tried again now. */
	boolean allowsRetry() {
		return this.tokens.get() > this.maxTokens / 2;
	}

}
