package dev.jrpc.internal.discovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.testing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class PollingSubscriptionTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final List<List<Endpoint>> updates = new CopyOnWriteArrayList<>();

	private final AtomicInteger lookups = new AtomicInteger();

	private final AtomicReference<Object> answer = new AtomicReference<>(List.of(Endpoint.of("10.0.0.1", 7070)));

	private final PollingSubscription.Lookup lookup = () -> {
		this.lookups.incrementAndGet();
		Object current = this.answer.get();
		if (current instanceof RuntimeException ex) {
			throw ex;
		}
		@SuppressWarnings("unchecked")
		List<Endpoint> endpoints = (List<Endpoint>) current;
		return endpoints;
	};

	@Test
	void firstLooksUpOnTheSchedulerWhenScheduledWithoutDelay() {
		PollingSubscription subscription = new PollingSubscription("test", this.lookup, this.updates::add, INTERVAL);
		subscription.schedule(this.scheduler, Duration.ZERO);
		assertThat(this.updates).isEmpty();
		this.scheduler.runDueTasks();
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)));
		this.scheduler.advance(INTERVAL);
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void keepsTheSetAndTheScheduleWhenTheLookupThrowsAnUncheckedException() {
		PollingSubscription subscription = new PollingSubscription("test", this.lookup, this.updates::add, INTERVAL);
		subscription.schedule(this.scheduler, Duration.ZERO);
		this.scheduler.runDueTasks();
		this.answer.set(new IllegalStateException("registry down"));
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.lookups).hasValue(4);
		assertThat(this.updates).hasSize(1);
		assertThat(this.scheduler.pendingTasks()).isOne();
	}

	@Test
	void aListenerThatClosesItsSubscriptionHearsNoMore() {
		AtomicReference<PollingSubscription> self = new AtomicReference<>();
		PollingSubscription subscription = new PollingSubscription("test", this.lookup, (endpoints) -> {
			this.updates.add(endpoints);
			self.get().close();
		}, INTERVAL);
		self.set(subscription);
		subscription.schedule(this.scheduler, Duration.ZERO);
		this.answer.set(List.of());
		this.scheduler.runDueTasks();
		this.answer.set(List.of(Endpoint.of("10.0.0.2", 7070)));
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.updates).containsExactly(List.of());
		assertThat(this.scheduler.pendingTasks()).isZero();
	}

	@Test
	void schedulesNothingOnceClosed() {
		PollingSubscription subscription = new PollingSubscription("test", this.lookup, this.updates::add, INTERVAL);
		subscription.close();
		subscription.schedule(this.scheduler, Duration.ZERO);
		subscription.refresh();
		assertThat(this.scheduler.pendingTasks()).isZero();
		assertThat(this.lookups).hasValue(0);
	}

}
