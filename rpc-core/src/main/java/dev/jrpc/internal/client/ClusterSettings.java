package dev.jrpc.internal.client;

/**
 * How a proxy's cluster layer retries and sets endpoints aside.
 *
 * @param maxAttempts attempts in all for a call that may have run, of an idempotent method
 * @param retryInitialBackoffNanos the largest random pause before the first such retry; it doubles
 * with each
 * @param retryMaxBackoffNanos the largest pause before any retry
 * @param budgetMaxTokens tokens of the {@link RetryBudget}
 * @param budgetTokenRatio tokens a success gives back
 * @param ejectAfterTimeouts timeouts in a row that set an endpoint aside
 * @param ejectionNanos how long the first ejection lasts; each one in a row lasts that much more
 * @param ticker the clock
 */
record ClusterSettings(int maxAttempts, long retryInitialBackoffNanos, long retryMaxBackoffNanos,
		int budgetMaxTokens, double budgetTokenRatio, int ejectAfterTimeouts, long ejectionNanos, Ticker ticker) {

	ClusterSettings withMaxAttempts(int attempts) {
		return new ClusterSettings(attempts, this.retryInitialBackoffNanos, this.retryMaxBackoffNanos,
				this.budgetMaxTokens, this.budgetTokenRatio, this.ejectAfterTimeouts, this.ejectionNanos, this.ticker);
	}

}
