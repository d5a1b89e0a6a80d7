package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.jrpc.RpcJsonMapper;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.protocol.Framing;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A proxy's live set of endpoints, fed by a discovery the test drives. */
class EndpointGroupTests {

	private final AtomicReference<Consumer<List<Endpoint>>> listener = new AtomicReference<>();

	private final EndpointDiscovery discovery = (name, version, consumer) -> {
		this.listener.set(consumer);
		return () -> this.listener.set(null);
	};

	/** The clock of backoff, which stands still unless a test moves it. */
	private final AtomicLong now = new AtomicLong();

	private final Ticker ticker = this.now::get;

	private final EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());

	/**
	 * Connections that can never open (an in-JVM transport given network addresses): an attempt
	 * fails at once and puts the endpoint in backoff.
	 */
	private final ConnectionPool pool = new ConnectionPool(
			new Bootstrap().group(this.eventLoops).channel(LocalChannel.class), RpcJsonMapper.create(1024),
			new ConnectionSettings(1024, Duration.ZERO, Duration.ofSeconds(1), List.of(), new ConnectionBackoff(Duration.ofSeconds(1), 1.6, 0.2, Duration.ofSeconds(120), () -> 0.5),
					this.ticker, Runnable::run, null));

	private final EndpointGroup group = new EndpointGroup(this.discovery, "svc", "", "test source", this.pool,
			new ConnectionKind(Framing.LENGTH_PREFIXED, 0, null), this.ticker);

	@AfterEach
	void close() {
		this.group.close();
		this.eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
	}

	private void push(Endpoint... endpoints) {
		this.listener.get().accept(List.of(endpoints));
	}

	private List<String> addresses() {
		return this.group.members().stream().map((member) -> member.endpoint().address()).toList();
	}

	@Test
	void followsTheSetAndKeepsTheConnectionOfAnEndpointThatStays() {
		push(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070));
		ClientConnection kept = this.group.members().get(1).connection();

		push(Endpoint.of("10.0.0.2", 7070), Endpoint.of("10.0.0.3", 7070));

		assertThat(addresses()).containsExactly("10.0.0.2:7070", "10.0.0.3:7070");
		assertThat(this.group.members().get(0).connection()).isSameAs(kept);
	}

	@Test
	void anEmptyUpdateIsNotAppliedWhileAnOldEndpointMayStillAnswer() {
		push(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070));

		push();

		assertThat(addresses()).containsExactly("10.0.0.1:7070", "10.0.0.2:7070");
	}

	@Test
	void anEmptyUpdateIsAppliedOnceNoOldEndpointAnswers() {
		push(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070));
		this.group.members().forEach((member) -> member.connection().connect().handle((channel, failure) -> null).join());

		push();

		assertThat(addresses()).isEmpty();
	}

	@Test
	void anEmptyUpdateKeptBackIsAppliedWhenTheOldEndpointsStopAnswering() {
		push(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070));
		push();
		assertThat(addresses()).hasSize(2);

		this.group.members().forEach((member) -> member.connection().connect().handle((channel, failure) -> null).join());

		assertThat(addresses()).isEmpty();
	}

	@Test
	void aFirstSetThatComesLateCompletesTheWait() {
		assertThat(this.group.firstSet()).isNotDone();

		push(Endpoint.of("10.0.0.1", 7070));

		assertThat(this.group.firstSet()).isDone();
	}

	@Test
	void aFailedConnectionRestsOnTheBackoffScheduleOfItsClock() {
		push(Endpoint.of("10.0.0.1", 7070));
		ClientConnection connection = this.group.members().get(0).connection();
		assertThat(connection.isInBackoff(this.now.get())).isFalse();

		connection.connect().handle((channel, failure) -> null).join();
		assertThat(connection.isInBackoff(this.now.get() + 999_000_000L)).isTrue();
		assertThat(connection.isInBackoff(this.now.get() + 1_000_000_000L)).as("1 s after the first failure").isFalse();

		this.now.addAndGet(1_000_000_000L);
		connection.connect().handle((channel, failure) -> null).join();
		assertThat(connection.isInBackoff(this.now.get() + 1_599_000_000L)).isTrue();
		assertThat(connection.isInBackoff(this.now.get() + 1_600_000_000L)).as("1.6 s after the second").isFalse();
	}

	@Test
	void closingEndsTheSubscription() {
		push(Endpoint.of("10.0.0.1", 7070));

		this.group.close();

		assertThat(this.listener.get()).isNull();
		assertThat(this.group.members()).isEmpty();
	}

}
