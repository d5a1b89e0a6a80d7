package dev.jrpc.internal.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** gRPC's retry throttling: 10 tokens, 0.1 back per success, retries while more than half are left. */
class RetryBudgetTests {

	private final RetryBudget budget = new RetryBudget(10, 0.1);

	@Test
	void allowsRetriesUntilFailuresTakeHalfTheTokens() {
		for (int i = 0; i < 4; i++) {
			this.budget.failed();
		}
		assertThat(this.budget.allowsRetry()).as("6 tokens left").isTrue();

		this.budget.failed();

		assertThat(this.budget.allowsRetry()).as("5 tokens left").isFalse();
	}

	@Test
	void tenSuccessesEarnBackOneToken() {
		for (int i = 0; i < 5; i++) {
			this.budget.failed();
		}
		for (int i = 0; i < 9; i++) {
			this.budget.succeeded();
		}
		assertThat(this.budget.allowsRetry()).as("5.9 tokens").isTrue();

		this.budget.failed();
		assertThat(this.budget.allowsRetry()).as("4.9 tokens").isFalse();
		for (int i = 0; i < 2; i++) {
			this.budget.succeeded();
		}
		assertThat(this.budget.allowsRetry()).as("5.1 tokens").isTrue();
	}

	@Test
	void neverHoldsMoreThanItsTokensNorLessThanNone() {
		for (int i = 0; i < 1000; i++) {
			this.budget.succeeded();
		}
		for (int i = 0; i < 5; i++) {
			this.budget.failed();
		}
		assertThat(this.budget.allowsRetry()).isFalse();
		for (int i = 0; i < 100; i++) {
			this.budget.failed();
		}
		for (int i = 0; i < 51; i++) {
			this.budget.succeeded();
		}
		assertThat(this.budget.allowsRetry()).as("5.1 tokens after falling to none").isTrue();
	}

}
