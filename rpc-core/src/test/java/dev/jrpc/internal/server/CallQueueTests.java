package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fair, bounded queue of calls waiting for a worker. */
class CallQueueTests {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<CallQueue.Waiting> expired = new CopyOnWriteArrayList<>();

	private final CallQueue.Lane busy = new CallQueue.Lane();

	private final CallQueue.Lane quiet = new CallQueue.Lane();

	@AfterEach
	void stopTimer() {
		this.timer.shutdownNow();
	}

	private CallQueue queue(int capacity) {
		return new CallQueue(capacity, this.timer, this.expired::add);
	}

	private record Call(String name, long deadline) implements CallQueue.Waiting {

		Call(String name) {
			this(name, CurrentCall.NO_DEADLINE);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	private static List<String> drain(CallQueue queue) {
		List<String> order = new ArrayList<>();
		CallQueue.Waiting next;
		while ((next = queue.poll()) != null) {
			order.add(next.toString());
			queue.finished();
		}
		return order;
	}

	@Test
	void workersTakeCallsInTurnFromEachConnectionThatHasSome() {
		CallQueue queue = queue(100);
		for (int i = 1; i <= 4; i++) {
			queue.offer(this.busy, new Call("busy" + i));
		}
		queue.offer(this.quiet, new Call("quiet1"));
		queue.offer(this.quiet, new Call("quiet2"));

		assertThat(drain(queue)).containsExactly("busy1", "quiet1", "busy2", "quiet2", "busy3", "busy4");
	}

	@Test
	void whenFullTheNewestCallOfTheLongestLaneMakesRoomForAShorterLane() {
		CallQueue queue = queue(4);
		for (int i = 1; i <= 4; i++) {
			assertThat(queue.offer(this.busy, new Call("busy" + i))).isEqualTo(CallQueue.Offer.QUEUED);
		}

		CallQueue.Offer offer = queue.offer(this.quiet, new Call("quiet1"));

		assertThat(offer).isInstanceOfSatisfying(CallQueue.Offer.Displaced.class,
				(displaced) -> assertThat(displaced.refused()).hasToString("busy4"));
		assertThat(queue.size()).isEqualTo(4);
		assertThat(drain(queue)).containsExactly("busy1", "quiet1", "busy2", "busy3");
	}

	@Test
	void whenFullTheArrivingCallIsRefusedWhenItsLaneHoldsTheMost() {
		CallQueue queue = queue(4);
		queue.offer(this.busy, new Call("busy1"));
		queue.offer(this.busy, new Call("busy2"));
		queue.offer(this.quiet, new Call("quiet1"));
		queue.offer(this.quiet, new Call("quiet2"));

		assertThat(queue.offer(this.busy, new Call("busy3"))).isEqualTo(CallQueue.Offer.REFUSED);
		assertThat(queue.offer(this.quiet, new Call("quiet3"))).isEqualTo(CallQueue.Offer.REFUSED);
		assertThat(queue.offer(new CallQueue.Lane(), new Call("new1"))).isInstanceOf(CallQueue.Offer.Displaced.class);
	}

	@Test
	void callsThatRunHoldTheirPlaceUntilTheyHaveRun() {
		CallQueue queue = queue(2);
		queue.offer(this.busy, new Call("busy1"));
		queue.offer(this.busy, new Call("busy2"));
		queue.poll();
		queue.poll();

		assertThat(queue.offer(this.busy, new Call("busy3"))).isEqualTo(CallQueue.Offer.REFUSED);
		queue.finished();
		assertThat(queue.offer(this.busy, new Call("busy3"))).isEqualTo(CallQueue.Offer.QUEUED);
	}

	@Test
	void aCallWhoseDeadlinePassesWhileItWaitsIsTakenOutAndEndedThen() {
		CallQueue queue = queue(10);
		long now = System.nanoTime();
		Call late = new Call("late", now + TimeUnit.MILLISECONDS.toNanos(50));
		Call patient = new Call("patient", now + TimeUnit.SECONDS.toNanos(60));
		queue.offer(this.busy, late);
		queue.offer(this.busy, patient);
		queue.offer(this.quiet, new Call("forever"));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.expired.contains(late));
		long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - now);

		assertThat(waited).as("ended when its deadline passed, not when a worker reached it").isLessThan(5000);
		assertThat(this.expired).containsExactly(late);
		assertThat(queue.size()).isEqualTo(2);
		assertThat(drain(queue)).containsExactly("patient", "forever");
	}

	@Test
	void aCallTakenBackLeavesItsLaneAndItsTurn() {
		CallQueue queue = queue(10);
		Call only = new Call("only");
		queue.offer(this.quiet, only);
		queue.offer(this.busy, new Call("busy1"));

		assertThat(queue.remove(this.quiet, only)).isTrue();
		assertThat(queue.remove(this.quiet, only)).isFalse();

		assertThat(drain(queue)).containsExactly("busy1");
	}

}
