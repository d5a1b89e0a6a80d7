package dev.jrpc.spring.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery.Subscription;
import dev.jrpc.testing.ManualScheduler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class DiscoveryClientEndpointDiscoveryTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final TestDiscoveryClient registry = new TestDiscoveryClient();

	private final DiscoveryClientEndpointDiscovery discovery = new DiscoveryClientEndpointDiscovery(this.registry,
			INTERVAL, this.scheduler);

	private final List<List<Endpoint>> updates = new CopyOnWriteArrayList<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(DiscoveryClientEndpointDiscovery.class);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	DiscoveryClientEndpointDiscoveryTests() {
		this.logs.start();
		this.logger.addAppender(this.logs);
	}

	@AfterEach
	void detachLogs() {
		this.logger.detachAppender(this.logs);
	}

	@Test
	void givesOneEndpointPerInstanceOfSpringCloudsSimpleDiscoveryClientWithItsMetadata() {
		SimpleDiscoveryProperties properties = new SimpleDiscoveryProperties();
		properties.setInstances(Map.of("orders", List.of(
				instanceProperties("http://10.0.0.2:8080", Map.of("zone", "b")),
				instanceProperties("http://10.0.0.1:8080", Map.of("zone", "a")))));
		properties.afterPropertiesSet();
		DiscoveryClientEndpointDiscovery simple = new DiscoveryClientEndpointDiscovery(
				new SimpleDiscoveryClient(properties), INTERVAL, this.scheduler);
		simple.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		assertThat(this.updates).singleElement()
			.satisfies((endpoints) -> assertThat(endpoints).containsExactly(
					new Endpoint("10.0.0.1", 8080, Endpoint.DEFAULT_WEIGHT, Map.of("zone", "a")),
					new Endpoint("10.0.0.2", 8080, Endpoint.DEFAULT_WEIGHT, Map.of("zone", "b"))));
	}

	@Test
	void listsTheInstancesOnTheSchedulerNotOnTheThreadThatSubscribes() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of()));
		this.discovery.subscribe("orders", "", this.updates::add);
		assertThat(this.registry.calls).hasValue(0);
		assertThat(this.updates).isEmpty();
		this.scheduler.runDueTasks();
		assertThat(this.registry.calls).hasValue(1);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)));
	}

	@Test
	void takesThePortFromTheRpcPortMetadataAndLeavesOutAnInstanceWhoseRpcPortIsNotAPortWarningOnce() {
		this.registry.set("orders", instance("http-app", "10.0.0.1", 8080, Map.of("rpc-port", "7070")),
				instance("broken", "10.0.0.2", 8080, Map.of("rpc-port", "seven")),
				instance("no-port", "10.0.0.3", -1, Map.of()), instance("[::1]", "[::1]", 7070, Map.of()));
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.updates).containsExactly(List.of(
				new Endpoint("10.0.0.1", 7070, Endpoint.DEFAULT_WEIGHT, Map.of("rpc-port", "7070")),
				Endpoint.of("::1", 7070)));
		assertThat(warnings()).hasSize(2)
			.anySatisfy((warning) -> assertThat(warning).contains("broken", "'orders'", "rpc-port metadata"))
			.anySatisfy((warning) -> assertThat(warning).contains("no-port", "port -1"));
	}

	@Test
	void takesTheWeightFromTheMetadataWhenItIsAPositiveInteger() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of("weight", "250")),
				instance("b", "10.0.0.2", 7070, Map.of("weight", "0")),
				instance("c", "10.0.0.3", 7070, Map.of("weight", "heavy")),
				instance("d", "10.0.0.4", 7070, Map.of()));
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		assertThat(this.updates.get(0)).extracting(Endpoint::weight)
			.containsExactly(250, Endpoint.DEFAULT_WEIGHT, Endpoint.DEFAULT_WEIGHT, Endpoint.DEFAULT_WEIGHT);
	}

	@Test
	void keepsTheInstancesOfTheVersionSubscribedToAndThoseThatAnnounceNone() {
		this.registry.set("orders", instance("v1", "10.0.0.1", 7070, Map.of("version", "1")),
				instance("v2", "10.0.0.2", 7070, Map.of("version", "2")), instance("any", "10.0.0.3", 7070, Map.of()));
		List<List<Endpoint>> anyVersion = new ArrayList<>();
		this.discovery.subscribe("orders", "2", this.updates::add);
		this.discovery.subscribe("orders", "", anyVersion::add);
		this.scheduler.runDueTasks();
		assertThat(this.updates.get(0)).extracting(Endpoint::host).containsExactly("10.0.0.2", "10.0.0.3");
		assertThat(anyVersion.get(0)).extracting(Endpoint::host).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
	}

	@Test
	void pushesAChangedSetAtTheNextRefreshAndNothingWhenOnlyTheOrderChanged() {
		ServiceInstance first = instance("a", "10.0.0.1", 7070, Map.of());
		ServiceInstance second = instance("b", "10.0.0.2", 7070, Map.of());
		this.registry.set("orders", first, second);
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		this.registry.set("orders", second, first);
		this.scheduler.advance(INTERVAL);
		assertThat(this.registry.calls).hasValue(2);
		assertThat(this.updates).hasSize(1);
		this.registry.set("orders", second);
		this.scheduler.advance(INTERVAL.minusMillis(1));
		assertThat(this.updates).hasSize(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.updates).containsExactly(
				List.of(Endpoint.of("10.0.0.1", 7070), Endpoint.of("10.0.0.2", 7070)),
				List.of(Endpoint.of("10.0.0.2", 7070)));
	}

	@Test
	void keepsTheLastSetWhenListingFails() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of()));
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		this.registry.failure.set(new IllegalStateException("registry unreachable"));
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.registry.calls).hasValue(4);
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)));
		this.registry.failure.set(null);
		this.registry.set("orders", instance("b", "10.0.0.2", 7070, Map.of()));
		this.scheduler.advance(INTERVAL);
		assertThat(this.updates).hasSize(2);
	}

	@Test
	void listsAgainWhenAHeartbeatSaysTheRegistryChanged() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of()));
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		this.registry.set("orders", instance("b", "10.0.0.2", 7070, Map.of()));
		this.discovery.onApplicationEvent(new HeartbeatEvent(this.registry, 1L));
		this.scheduler.runDueTasks();
		assertThat(this.updates).hasSize(2);
		this.discovery.onApplicationEvent(new HeartbeatEvent(this.registry, 1L));
		this.scheduler.runDueTasks();
		assertThat(this.registry.calls).as("a heartbeat with the same state lists nothing").hasValue(2);
	}

	@Test
	void stopsListingWhenTheSubscriptionOrTheDiscoveryIsClosed() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of()));
		Subscription subscription = this.discovery.subscribe("orders", "", this.updates::add);
		this.discovery.subscribe("orders", "", this.updates::add);
		this.scheduler.runDueTasks();
		subscription.close();
		assertThat(this.scheduler.pendingTasks()).isOne();
		this.discovery.close();
		assertThat(this.scheduler.pendingTasks()).isZero();
		assertThat(this.scheduler.isShutdown()).as("the scheduler is the caller's").isFalse();
		this.discovery.onApplicationEvent(new HeartbeatEvent(this.registry, 2L));
		this.scheduler.advance(INTERVAL.multipliedBy(3));
		assertThat(this.registry.calls).hasValue(2);
	}

	@Test
	void refusesABlankServiceId() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.discovery.subscribe(" ", "", this.updates::add))
			.withMessageContaining("'discovery:/// '")
			.withMessageContaining("discovery:///service-id");
	}

	@Test
	void listsOnAThreadOfItsOwnUntilClosed() {
		this.registry.set("orders", instance("a", "10.0.0.1", 7070, Map.of()));
		AtomicReference<String> thread = new AtomicReference<>();
		try (DiscoveryClientEndpointDiscovery own = new DiscoveryClientEndpointDiscovery(this.registry, INTERVAL)) {
			own.subscribe("orders", "", (endpoints) -> {
				thread.set(Thread.currentThread().getName());
				this.updates.add(endpoints);
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.updates.isEmpty());
		}
		assertThat(thread).hasValue("jrpc-cloud-discovery");
		assertThat(this.updates).containsExactly(List.of(Endpoint.of("10.0.0.1", 7070)));
	}

	private List<String> warnings() {
		return this.logs.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private static ServiceInstance instance(String id, String host, int port, Map<String, String> metadata) {
		return new DefaultServiceInstance(id, "orders", host, port, false, new HashMap<>(metadata));
	}

	private static InstanceProperties instanceProperties(String uri, Map<String, String> metadata) {
		InstanceProperties instance = new InstanceProperties();
		instance.setUri(URI.create(uri));
		instance.setMetadata(new HashMap<>(metadata));
		return instance;
	}

	/** A registry that the test fills and breaks. */
	private static final class TestDiscoveryClient implements DiscoveryClient {

		private final Map<String, List<ServiceInstance>> services = new HashMap<>();

		private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

		private final AtomicInteger calls = new AtomicInteger();

		synchronized void set(String serviceId, ServiceInstance... instances) {
			this.services.put(serviceId, List.of(instances));
		}

		@Override
		public String description() {
			return "test";
		}

		@Override
		public synchronized List<ServiceInstance> getInstances(String serviceId) {
			this.calls.incrementAndGet();
			RuntimeException ex = this.failure.get();
			if (ex != null) {
				throw ex;
			}
			return this.services.getOrDefault(serviceId, List.of());
		}

		@Override
		public synchronized List<String> getServices() {
			return List.copyOf(this.services.keySet());
		}

	}

}
