package dev.jrpc.zookeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.Idempotent;
import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers announce themselves in a real ZooKeeper, a client finds them there: calls follow the
 * servers as they join and leave, and a server that stops is withdrawn before it stops serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryEndToEndTests {

	/** The service of this test: each server answers with its name. */
	public interface Named {

		@Idempotent
		String name();

	}

	private TestingServer zookeeper;

	private final List<ZooKeeperRegistry> registries = new ArrayList<>();

	private final List<RpcServer> servers = new ArrayList<>();

	private RpcClient client;

	@BeforeEach
	void startZooKeeper() throws Exception {
		this.zookeeper = new TestingServer(true);
	}

	@AfterEach
	void stopAll() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		this.servers.forEach(RpcServer::stop);
		this.registries.forEach(ZooKeeperRegistry::close);
		this.zookeeper.close();
	}

	private ZooKeeperRegistry registry() {
		ZooKeeperRegistry registry = ZooKeeperRegistry.builder(this.zookeeper.getConnectString())
			.sessionTimeout(Duration.ofSeconds(5))
			.build();
		this.registries.add(registry);
		return registry;
	}

	private RpcServer server(String name) {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.registry(registry())
			.addService(Named.class, () -> name)
			.build();
		server.start();
		this.servers.add(server);
		return server;
	}

	@Test
	void aClientCallsTheServersItFindsAndFollowsThemAsTheyComeAndGo() throws Exception {
		server("a");
		RpcServer b = server("b");
		this.client = RpcClient.builder().discovery(registry()).build();
		Named named = this.client.proxy(Named.class).build();

		Set<String> answered = ConcurrentHashMap.newKeySet();
		Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> {
			answered.add(named.name());
			return answered.size() == 2;
		});
		assertThat(answered).containsExactlyInAnyOrder("a", "b");

		// Under load, b stops and c starts: no call fails.
		ExecutorService caller = Executors.newSingleThreadExecutor();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger calls = new AtomicInteger();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Set<String> lately = ConcurrentHashMap.newKeySet();
		caller.execute(() -> {
			while (running.get()) {
				try {
					lately.add(named.name());
					calls.incrementAndGet();
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
		});
		java.util.concurrent.atomic.AtomicReference<List<dev.jrpc.discovery.Endpoint>> registered = new java.util.concurrent.atomic.AtomicReference<>();
		registry().subscribe(Named.class.getName(), "", registered::set);
		int bPort = b.port();
		try {
			b.stop();
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> registered.get() != null
					&& registered.get().stream().noneMatch((endpoint) -> endpoint.port() == bPort));
			server("c");
			lately.clear();
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> lately.contains("c"));
			lately.clear();
			int before = calls.get();
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() > before + 200);
		}
		finally {
			running.set(false);
			caller.shutdown();
			assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}

		assertThat(failures).isEmpty();
		assertThat(lately).as("b was withdrawn").containsExactlyInAnyOrder("a", "c");
	}

	@Test
	void aClientKeepsCallingItsServersWhileZooKeeperIsDown() throws Exception {
		server("a");
		this.client = RpcClient.builder().discovery(registry()).build();
		Named named = this.client.proxy(Named.class).build();
		Awaitility.await().atMost(10, TimeUnit.SECONDS).ignoreExceptions().until(() -> named.name().equals("a"));

		this.zookeeper.stop();
		try {
			for (int i = 0; i < 50; i++) {
				assertThat(named.name()).isEqualTo("a");
			}
			Thread.sleep(1000);
			assertThat(named.name()).isEqualTo("a");
		}
		finally {
			this.zookeeper.restart();
		}
	}

}
