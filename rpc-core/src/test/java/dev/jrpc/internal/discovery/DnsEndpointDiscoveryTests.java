package dev.jrpc.internal.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery.Subscription;
import dev.jrpc.testing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(10)
class DnsEndpointDiscoveryTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FakeResolver resolver = new FakeResolver();

	private final DnsEndpointDiscovery discovery = new DnsEndpointDiscovery(this.scheduler, INTERVAL, this.resolver);

	private final List<List<Endpoint>> updates = new CopyOnWriteArrayList<>();

	private final Logger pollingLogger = (Logger) LoggerFactory.getLogger(PollingSubscription.class);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	DnsEndpointDiscoveryTests() {
		this.logs.start();
		this.pollingLogger.addAppender(this.logs);
	}

	@AfterEach
	void detachLogs() {
		this.pollingLogger.detachAppender(this.logs);
	}

	@Test
	void givesOneEndpointPerAddressRecordIpv4FirstWithoutDuplicatesBeforeSubscribeReturns() {
		this.resolver.answer("orders.svc", "2001:db8::2", "10.0.0.10", "10.0.0.2", "2001:db8::1", "10.0.0.2");
		this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.2", 7070), Endpoint.of("10.0.0.10", 7070),
				Endpoint.of("2001:db8:0:0:0:0:0:1", 7070), Endpoint.of("2001:db8:0:0:0:0:0:2", 7070)));
		assertThat(this.updates.get(0)).allSatisfy((endpoint) -> {
			assertThat(endpoint.weight()).isEqualTo(Endpoint.DEFAULT_WEIGHT);
			assertThat(endpoint.metadata()).isEmpty();
		});
	}

	@Test
	void resolvesAnIpv6LiteralWrittenInBrackets() {
		this.resolver.answer("::1", "::1");
		this.discovery.subscribe("[::1]:7070", "", this.updates::add);
		assertThat(this.resolver.asked).containsExactly("::1");
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("0:0:0:0:0:0:0:1", 7070)));
	}

	@Test
	void resolvesAgainEveryRefreshIntervalAndPushesAChangedAnswer() {
		this.resolver.answer("orders.svc", "10.0.0.1", "10.0.0.2");
		this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		this.resolver.answer("orders.svc", "10.0.0.2", "10.0.0.3");
		this.scheduler.advance(INTERVAL.minusMillis(1));
		assertThat(this.resolver.calls).hasValue(1);
		assertThat(this.updates).hasSize(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.resolver.calls).hasValue(2);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070)),
				List.of(Endpoint.of("10.0.0.2", 7070), Endpoint.of("10.0.0.3", 7070)));
	}

	@Test
	void pushesNothingWhenTheAnswerIsTheSameSetInAnotherOrder() {
		this.resolver.answer("orders.svc", "10.0.0.1", "10.0.0.2");
		this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		this.resolver.answer("orders.svc", "10.0.0.2", "10.0.0.1", "10.0.0.2");
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.resolver.calls).hasValue(4);
		assertThat(this.updates).hasSize(1);
	}

	@Test
	void keepsTheLastEndpointsWhileResolutionFailsAndWarnsOncePerStreakOfFailures() {
		this.resolver.answer("orders.svc", "10.0.0.1");
		this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		this.resolver.fail("orders.svc");
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.resolver.calls).hasValue(4);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)));
		assertThat(warnings()).singleElement()
			.asString()
			.contains("DNS name orders.svc", "UnknownHostException", "keeping the 1 endpoints last found");
		this.resolver.answer("orders.svc", "10.0.0.1");
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).hasSize(1);
		this.resolver.fail("orders.svc");
		this.scheduler.advance(INTERVAL.multipliedBy(2));
		assertThat(warnings()).hasSize(2);
		this.resolver.answer("orders.svc", "10.0.0.9");
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)),
				List.of(Endpoint.of("10.0.0.9", 7070)));
	}

	@Test
	void givesAnEmptySetWhenTheFirstResolutionFailsAndKeepsTrying() {
		this.resolver.fail("orders.svc");
		this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		assertThat(this.updates).containsExactly(List.of());
		this.scheduler.advance(INTERVAL.multipliedBy(2));
		assertThat(this.updates).containsExactly(List.of());
		assertThat(warnings()).singleElement().asString().contains("no endpoint known yet");
		this.resolver.answer("orders.svc", "10.0.0.1");
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).containsExactly(List.of(), List.of(Endpoint.of("10.0.0.1", 7070)));
	}

	@Test
	void keepsRefreshingWhenTheListenerThrows() {
		this.resolver.answer("orders.svc", "10.0.0.1");
		this.discovery.subscribe("orders.svc:7070", "", (endpoints) -> {
			this.updates.add(endpoints);
			throw new IllegalStateException("listener bug");
		});
		this.resolver.answer("orders.svc", "10.0.0.2");
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).hasSize(2);
		assertThat(this.scheduler.pendingTasks()).isOne();
	}

	@Test
	void stopsRefreshingWhenClosed() {
		this.resolver.answer("orders.svc", "10.0.0.1");
		Subscription subscription = this.discovery.subscribe("orders.svc:7070", "", this.updates::add);
		this.scheduler.advance(INTERVAL);
		assertThat(this.resolver.calls).hasValue(2);
		subscription.close();
		assertThat(this.scheduler.pendingTasks()).isZero();
		this.resolver.answer("orders.svc", "10.0.0.2");
		this.scheduler.advance(INTERVAL.multipliedBy(5));
		assertThat(this.resolver.calls).hasValue(2);
		assertThat(this.updates).hasSize(1);
	}

	@Test
	void refreshesEachSubscriptionOnItsOwn() {
		this.resolver.answer("a.svc", "10.0.0.1");
		this.resolver.answer("b.svc", "10.0.1.1");
		List<List<Endpoint>> other = new ArrayList<>();
		Subscription first = this.discovery.subscribe("a.svc:7070", "", this.updates::add);
		this.discovery.subscribe("b.svc:8080", "", other::add);
		first.close();
		this.resolver.answer("b.svc", "10.0.1.2");
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).hasSize(1);
		assertThat(other).containsExactly(List.of(Endpoint.of("10.0.1.1", 8080)),
				List.of(Endpoint.of("10.0.1.2", 8080)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "orders.svc", "orders.svc:", "orders.svc:http", "orders.svc:0", "orders.svc:70000",
			"::1:7070", ":7070", "[]:7070", "" })
	void refusesANameThatIsNotHostAndPort(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.discovery.subscribe(name, "", this.updates::add))
			.withMessageContaining("'dns:///" + name + "'")
			.withMessageContaining("dns:///host:port");
		assertThat(this.resolver.calls).hasValue(0);
		assertThat(this.scheduler.pendingTasks()).isZero();
	}

	@Test
	void refusesARefreshIntervalThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DnsEndpointDiscovery(this.scheduler, Duration.ZERO, this.resolver))
			.withMessageContaining("refresh interval");
	}

	@Test
	void resolvesLocalhostThroughTheJvmResolver() throws UnknownHostException {
		DnsEndpointDiscovery jvm = new DnsEndpointDiscovery(this.scheduler,
				DnsEndpointDiscovery.DEFAULT_REFRESH_INTERVAL);
		jvm.subscribe("localhost:7070", "", this.updates::add).close();
		assertThat(this.updates).hasSize(1);
		List<Endpoint> endpoints = this.updates.get(0);
		assertThat(endpoints).contains(Endpoint.of("127.0.0.1", 7070));
		boolean hasIpv6 = Arrays.stream(InetAddress.getAllByName("localhost"))
			.anyMatch((address) -> address.getAddress().length == 16);
		if (hasIpv6) {
			assertThat(endpoints).contains(Endpoint.of("0:0:0:0:0:0:0:1", 7070));
		}
		assertThat(endpoints).allSatisfy((endpoint) -> {
			assertThat(endpoint.port()).isEqualTo(7070);
			assertThat(InetAddress.getByName(endpoint.host()).isLoopbackAddress()).isTrue();
		});
	}

	private List<String> warnings() {
		return this.logs.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/** Answers from a table of IP literals. */
	private static final class FakeResolver implements DnsEndpointDiscovery.HostResolver {

		private final Map<String, String[]> answers = new HashMap<>();

		private final List<String> asked = new CopyOnWriteArrayList<>();

		private final AtomicInteger calls = new AtomicInteger();

		synchronized void answer(String host, String... addresses) {
			this.answers.put(host, addresses);
		}

		synchronized void fail(String host) {
			this.answers.remove(host);
		}

		@Override
		public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
			this.calls.incrementAndGet();
			this.asked.add(host);
			String[] addresses = this.answers.get(host);
			if (addresses == null) {
				throw new UnknownHostException(host + ": Name or service not known");
			}
			InetAddress[] result = new InetAddress[addresses.length];
			for (int i = 0; i < addresses.length; i++) {
				result[i] = InetAddress.getByName(addresses[i]);
			}
			return result;
		}

	}

}
