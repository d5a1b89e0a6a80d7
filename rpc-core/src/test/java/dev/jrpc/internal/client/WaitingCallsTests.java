package dev.jrpc.internal.client;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each call waiting for its next attempt is ended once, by its timer, its event or the client's close. */
class WaitingCallsTests {

	private final WaitingCalls waiting = new WaitingCalls();

	@Test
	void closingTellsEachWaitingCallOnceAndNoOtherEndsItAfterward() {
		CountingWaiter first = new CountingWaiter();
		CountingWaiter second = new CountingWaiter();
		assertThat(this.waiting.startWaiting(first)).isTrue();
		assertThat(this.waiting.startWaiting(second)).isTrue();
		assertThat(this.waiting.stopWaiting(second)).isTrue();

		this.waiting.close();

		assertThat(first.closed).hasValue(1);
		assertThat(second.closed).hasValue(0);
		assertThat(this.waiting.stopWaiting(first)).as("its timer, after the close").isFalse();
	}

	@Test
	void aCallIsNotLetWaitOnceClosed() {
		this.waiting.close();
		CountingWaiter late = new CountingWaiter();

		assertThat(this.waiting.isClosed()).isTrue();
		assertThat(this.waiting.startWaiting(late)).isFalse();
		assertThat(this.waiting.stopWaiting(late)).isFalse();
		assertThat(late.closed).hasValue(0);
	}

	private static final class CountingWaiter implements WaitingCalls.Waiter {

		private final AtomicInteger closed = new AtomicInteger();

		@Override
		public void clientClosed() {
			this.closed.incrementAndGet();
		}

	}

}
