package dev.jrpc.zookeeper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery.Subscription;
import dev.jrpc.discovery.ServiceRegistration;
import dev.jrpc.discovery.ServiceRegistry.Registration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperRegistryTests {

	private static final String GREETER = "com.example.Greeter";

	private static final Instant STARTED = Instant.parse("2026-01-05T09:30:00Z");

	private static final AtomicInteger roots = new AtomicInteger();

	private static TestingServer zooKeeper;

	private CuratorFramework curator;

	private String root;

	private ZooKeeperRegistry registry;

	@BeforeAll
	static void startZooKeeper() throws Exception {
		zooKeeper = new TestingServer();
	}

	@AfterAll
	static void stopZooKeeper() throws IOException {
		zooKeeper.close();
	}

	@BeforeEach
	void createRegistry() {
		this.curator = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(), new RetryNTimes(3, 100));
		this.root = "/test" + roots.incrementAndGet();
		this.registry = new ZooKeeperRegistry(this.curator, this.root);
	}

	@AfterEach
	void closeRegistry() {
		this.registry.close();
		this.curator.close();
	}

	@Test
	void aSubscriberSeesARegistrationWithItsWeightVersionStartTimeAndMetadata() {
		this.registry.register(registration("1.0", new Endpoint("127.0.0.1", 7070, 30, Map.of("zone", "a"))));
		EndpointRecorder recorder = new EndpointRecorder();
		this.registry.subscribe(GREETER, "1.0", recorder);
		await().until(recorder::latest, (endpoints) -> endpoints != null && !endpoints.isEmpty());
		assertThat(recorder.latest()).containsExactly(new Endpoint("127.0.0.1", 7070, 30,
				Map.of("zone", "a", "version", "1.0", "startTime", "2026-01-05T09:30:00Z")));
		// On the registry's thread, not on ZooKeeper's or Curator's.
		assertThat(recorder.threads).containsExactly("jrpc-zookeeper");
	}

	@Test
	void aSubscriberOfAServiceWithNoServerGetsAnEmptyList() {
		this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
		EndpointRecorder otherVersion = new EndpointRecorder();
		EndpointRecorder noVersion = new EndpointRecorder();
		this.registry.subscribe(GREETER, "2.0", otherVersion);
		this.registry.subscribe(GREETER, "", noVersion);
		await().until(() -> otherVersion.latest() != null && noVersion.latest() != null);
		assertThat(otherVersion.updates).containsExactly(List.of());
		assertThat(noVersion.updates).containsExactly(List.of());
	}

	@Test
	void aSubscriberSeesASecondRegistrationAndADeregistration() {
		EndpointRecorder recorder = new EndpointRecorder();
		this.registry.subscribe(GREETER, "1.0", recorder);
		await().until(recorder::latest, List::isEmpty);
		Registration first = this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
		await().until(recorder::addresses, (addresses) -> addresses.equals(List.of("127.0.0.1:7070")));
		this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7071)));
		await().until(recorder::addresses,
				(addresses) -> addresses.equals(List.of("127.0.0.1:7070", "127.0.0.1:7071")));
		first.close();
		await().until(recorder::addresses, (addresses) -> addresses.equals(List.of("127.0.0.1:7071")));
		assertThat(recorder.updates).hasSize(4);
	}

	@Test
	void registersAnEphemeralNodePerServerUnderTheServiceAndItsVersion() throws Exception {
		this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
		this.registry.register(new ServiceRegistration("com.example.Clock", "", Endpoint.of("127.0.0.1", 7070), STARTED));
		assertThat(this.curator.getChildren().forPath(this.root)).containsExactlyInAnyOrder(GREETER + ":1.0",
				"com.example.Clock");
		List<String> ids = this.curator.getChildren().forPath(this.root + "/com.example.Clock");
		assertThat(ids).hasSize(1);
		// Curator's recipe may still be writing the node anew for the first connection.
		Stat stat = await().ignoreExceptions()
			.until(() -> this.curator.checkExists().forPath(this.root + "/com.example.Clock/" + ids.get(0)),
					(found) -> found != null);
		assertThat(stat.getEphemeralOwner()).isEqualTo(this.curator.getZookeeperClient().getZooKeeper().getSessionId());
	}

	@Test
	void theNodeDataHasTheDocumentedLayout() throws Exception {
		this.registry.register(registration("1.0", new Endpoint("127.0.0.1", 7070, 30, Map.of("zone", "a"))));
		String service = this.root + "/" + GREETER + ":1.0";
		String id = this.curator.getChildren().forPath(service).get(0);
		// Curator's recipe registers again when it hears of the first connection: it deletes the node
		// and writes it anew under the same id. Read it once it is back.
		byte[] data = await().ignoreExceptions().until(() -> this.curator.getData().forPath(service + "/" + id),
				(bytes) -> bytes != null);
		JsonNode node = JsonMapper.shared().readTree(new String(data, StandardCharsets.UTF_8));
		assertThat(node.propertyNames()).containsExactly("name", "id", "address", "port", "payload",
				"registrationTimeUTC", "serviceType");
		assertThat(node.get("name").asString()).isEqualTo(GREETER + ":1.0");
		assertThat(node.get("id").asString()).isEqualTo(id);
		assertThat(node.get("address").asString()).isEqualTo("127.0.0.1");
		assertThat(node.get("port").asInt()).isEqualTo(7070);
		assertThat(node.get("registrationTimeUTC").asLong()).isPositive();
		assertThat(node.get("serviceType").asString()).isEqualTo("DYNAMIC");
		JsonNode payload = node.get("payload");
		assertThat(payload.propertyNames()).containsExactly("version", "weight", "startTime", "metadata");
		assertThat(payload.get("version").asString()).isEqualTo("1.0");
		assertThat(payload.get("weight").asInt()).isEqualTo(30);
		assertThat(payload.get("startTime").asString()).isEqualTo("2026-01-05T09:30:00Z");
		assertThat(payload.get("metadata").get("zone").asString()).isEqualTo("a");
	}

	@Test
	void skipsNodesWhoseDataIsNotAnInstanceAndNamesThemButNotTheirData() throws Exception {
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(ServiceWatch.class);
		logger.addAppender(log);
		log.start();
		try {
			String service = this.root + "/" + GREETER + ":1.0";
			this.curator.create()
				.creatingParentsIfNeeded()
				.forPath(service + "/by-hand", "password=secret".getBytes(StandardCharsets.UTF_8));
			this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
			EndpointRecorder recorder = new EndpointRecorder();
			this.registry.subscribe(GREETER, "1.0", recorder);
			await().until(recorder::addresses, (addresses) -> addresses != null && !addresses.isEmpty());
			assertThat(recorder.addresses()).containsExactly("127.0.0.1:7070");

			// A later bad node, and a later good one: the cache goes on.
			this.curator.create()
				.withMode(CreateMode.EPHEMERAL)
				.forPath(service + "/no-port", "{\"address\":\"127.0.0.1\"}".getBytes(StandardCharsets.UTF_8));
			this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7071)));
			await().until(recorder::addresses,
					(addresses) -> addresses.equals(List.of("127.0.0.1:7070", "127.0.0.1:7071")));
			await().until(() -> log.list.size() == 2);
			assertThat(log.list).allSatisfy((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains(service).doesNotContain("secret");
			});
			assertThat(log.list.get(0).getFormattedMessage()).contains("[by-hand]");
			assertThat(log.list.get(1).getFormattedMessage()).contains("[no-port]");
		}
		finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void aClosedSubscriptionHearsNoMore() {
		EndpointRecorder recorder = new EndpointRecorder();
		Subscription subscription = this.registry.subscribe(GREETER, "1.0", recorder);
		await().until(recorder::latest, List::isEmpty);
		subscription.close();
		this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
		EndpointRecorder witness = new EndpointRecorder();
		this.registry.subscribe(GREETER, "1.0", witness);
		await().until(witness::addresses, (addresses) -> addresses != null && !addresses.isEmpty());
		assertThat(recorder.updates).containsExactly(List.of());
	}

	@Test
	void aRegistryOfItsOwnRemovesItsNodesWhenClosedAndLeavesAGivenFrameworkOpen() throws Exception {
		try (ZooKeeperRegistry owning = ZooKeeperRegistry.builder(zooKeeper.getConnectString())
			.rootPath(this.root)
			.sessionTimeout(Duration.ofSeconds(10))
			.connectionTimeout(Duration.ofSeconds(5))
			.build()) {
			owning.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
			// Right after its first connection, Curator's recipe may delete and create the node again.
			await().until(() -> this.curator.getChildren().forPath(this.root + "/" + GREETER + ":1.0").size() == 1);
		}
		assertThat(this.curator.getChildren().forPath(this.root + "/" + GREETER + ":1.0")).isEmpty();
		this.registry.register(registration("1.0", Endpoint.of("127.0.0.1", 7070)));
		this.registry.close();
		assertThat(this.curator.getChildren().forPath(this.root + "/" + GREETER + ":1.0")).isEmpty();
		assertThat(this.curator.getZookeeperClient().isConnected()).isTrue();
	}

	@Test
	void failsToRegisterWhenZooKeeperCannotBeReached() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (ZooKeeperRegistry unreachable = ZooKeeperRegistry.builder("127.0.0.1:" + port)
			.connectionTimeout(Duration.ofMillis(200))
			.build()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> unreachable.register(registration("1.0", Endpoint.of("127.0.0.1", 7070))))
				.withMessage("Could not register " + GREETER + ":1.0 at 127.0.0.1:7070: no connection to ZooKeeper at "
						+ "127.0.0.1:" + port + " within PT0.2S");
		}
	}

	@Test
	void refusesServiceNamesThatAreNotNodeNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.subscribe("a/b", "", (endpoints) -> {
		})).withMessageContaining("'/'");
		assertThatIllegalArgumentException().isThrownBy(() -> ZooKeeperRegistry.builder("h:1").rootPath("jrpc"))
			.withMessageContaining("Root path 'jrpc'");
		assertThat(Set.of(ZooKeeperRegistry.nodeName("a", ""), ZooKeeperRegistry.nodeName("a", "1"))).containsOnly("a",
				"a:1");
	}

	private static ServiceRegistration registration(String version, Endpoint endpoint) {
		return new ServiceRegistration(GREETER, version, endpoint, STARTED);
	}

}
