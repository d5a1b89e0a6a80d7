package dev.jrpc.zookeeper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.ServiceRegistration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What servers and clients do when ZooKeeper goes away: a server whose session expired registers
 * again, and a client keeps the endpoints it had while ZooKeeper is down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperOutageTests {

	private static final String GREETER = "com.example.Greeter";

	/** Short enough for an outage to lose the session in a test. */
	private static final int SESSION_TIMEOUT_MILLIS = 3000;

	/**
	 * Long enough for a session to outlive a stop and restart of ZooKeeper on a slow machine: the
	 * restart, then the client's random reconnection delay of up to 1 s.
	 */
	private static final int LONG_SESSION_TIMEOUT_MILLIS = 15000;

	private TestingServer zooKeeper;

	private CuratorFramework serverCurator;

	private CuratorFramework clientCurator;

	private final List<ConnectionState> clientStates = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startZooKeeper() throws Exception {
		// A 200 ms tick, for session timeouts of a few seconds; sessions of up to 30 s allowed, where
		// the tick alone would cap them at 4 s.
		this.zooKeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1,
				Map.of("maxSessionTimeout", "30000")), true);
		this.serverCurator = curator(SESSION_TIMEOUT_MILLIS);
		this.clientCurator = curator(SESSION_TIMEOUT_MILLIS);
		this.clientCurator.getConnectionStateListenable().addListener((client, state) -> this.clientStates.add(state));
	}

	@AfterEach
	void stopZooKeeper() throws Exception {
		this.clientCurator.close();
		this.serverCurator.close();
		this.zooKeeper.close();
	}

	@Test
	void aServerRegistersAgainAfterItsSessionExpires() throws Exception {
		try (ZooKeeperRegistry server = new ZooKeeperRegistry(this.serverCurator);
				ZooKeeperRegistry client = new ZooKeeperRegistry(this.clientCurator)) {
			server.register(registration(7070));
			EndpointRecorder recorder = new EndpointRecorder();
			client.subscribe(GREETER, "", recorder);
			await().until(recorder::addresses, (addresses) -> List.of("127.0.0.1:7070").equals(addresses));
			String node = "/jrpc/" + GREETER + "/" + this.clientCurator.getChildren().forPath("/jrpc/" + GREETER).get(0);
			long expired = this.serverCurator.getZookeeperClient().getZooKeeper().getSessionId();
			Stat first = this.clientCurator.checkExists().forPath(node);
			assertThat(first.getEphemeralOwner()).isEqualTo(expired);

			expireOnTheServer(this.serverCurator.getZookeeperClient().getZooKeeper());

			// ZooKeeper deletes the node with its session; the recipe creates it again in a new one.
			await().until(() -> {
				Stat stat = this.clientCurator.checkExists().forPath(node);
				return stat != null && stat.getEphemeralOwner() != expired;
			});
			assertThat(this.clientCurator.checkExists().forPath(node).getEphemeralOwner())
				.isEqualTo(this.serverCurator.getZookeeperClient().getZooKeeper().getSessionId());
			await().until(recorder::addresses, (addresses) -> List.of("127.0.0.1:7070").equals(addresses));
		}
	}

	@Test
	void aServerWhoseClientGaveUpItsSessionRegistersAgainWithoutItsClientsNoticing() throws Exception {
		try (ZooKeeperRegistry server = new ZooKeeperRegistry(this.serverCurator);
				ZooKeeperRegistry client = new ZooKeeperRegistry(this.clientCurator)) {
			server.register(registration(7070));
			EndpointRecorder recorder = new EndpointRecorder();
			client.subscribe(GREETER, "", recorder);
			await().until(recorder::addresses, (addresses) -> List.of("127.0.0.1:7070").equals(addresses));
			String node = "/jrpc/" + GREETER + "/" + this.clientCurator.getChildren().forPath("/jrpc/" + GREETER).get(0);
			long expired = this.serverCurator.getZookeeperClient().getZooKeeper().getSessionId();

			// The client side of the session ends, the server keeps it and its node a while: the recipe
			// deletes that node and creates it in the new session.
			KillSession.kill(this.serverCurator.getZookeeperClient().getZooKeeper());

			await().until(() -> {
				Stat stat = this.clientCurator.checkExists().forPath(node);
				return stat != null && stat.getEphemeralOwner() != expired;
			});
			// Past the removal delay, the client was told nothing.
			await().during(Duration.ofMillis(2 * ZooKeeperRegistry.REMOVAL_DELAY_MILLIS))
				.atMost(Duration.ofSeconds(5))
				.until(() -> recorder.updates.size() == 1);
		}
	}

	@Test
	void aShortOutageThatKeepsTheSessionLeavesTheNodesAsTheyAre() throws Exception {
		// Sessions that outlast the outage, however slowly the machine restarts ZooKeeper.
		this.serverCurator.close();
		this.clientCurator.close();
		this.serverCurator = curator(LONG_SESSION_TIMEOUT_MILLIS);
		this.clientCurator = curator(LONG_SESSION_TIMEOUT_MILLIS);
		List<ConnectionState> serverStates = new CopyOnWriteArrayList<>();
		try (ZooKeeperRegistry server = new ZooKeeperRegistry(this.serverCurator);
				ZooKeeperRegistry client = new ZooKeeperRegistry(this.clientCurator)) {
			// Added after the registry's recipe: it hears of a reconnection after the recipe has acted.
			this.serverCurator.getConnectionStateListenable().addListener((curator, state) -> serverStates.add(state));
			server.register(registration(7070));
			long session = this.serverCurator.getZookeeperClient().getZooKeeper().getSessionId();
			EndpointRecorder recorder = new EndpointRecorder();
			client.subscribe(GREETER, "", recorder);
			await().until(recorder::addresses, (addresses) -> List.of("127.0.0.1:7070").equals(addresses));
			String node = "/jrpc/" + GREETER + "/" + this.clientCurator.getChildren().forPath("/jrpc/" + GREETER).get(0);
			Stat before = this.clientCurator.checkExists().forPath(node);

			this.zooKeeper.stop();
			await().until(() -> serverStates.contains(ConnectionState.SUSPENDED));
			this.zooKeeper.restart();
			await().until(() -> serverStates.contains(ConnectionState.RECONNECTED));

			// The same session, so the node was left alone: not deleted and created again.
			assertThat(serverStates).doesNotContain(ConnectionState.LOST);
			assertThat(this.serverCurator.getZookeeperClient().getZooKeeper().getSessionId()).isEqualTo(session);
			assertThat(this.clientCurator.checkExists().forPath(node).getCzxid()).isEqualTo(before.getCzxid());
			assertThat(recorder.updates).hasSize(1);
		}
	}

	@Test
	void aClientKeepsItsEndpointsWhileZooKeeperIsDownAndSeesChangesOnceItIsBack() throws Exception {
		try (ZooKeeperRegistry server = new ZooKeeperRegistry(this.serverCurator);
				ZooKeeperRegistry client = new ZooKeeperRegistry(this.clientCurator)) {
			server.register(registration(7070));
			EndpointRecorder recorder = new EndpointRecorder();
			client.subscribe(GREETER, "", recorder);
			await().until(recorder::addresses, (addresses) -> List.of("127.0.0.1:7070").equals(addresses));

			this.zooKeeper.stop();
			// Suspended, then lost once the session timeout has passed without contact.
			await().until(() -> this.clientStates.contains(ConnectionState.LOST));
			assertThat(this.clientStates).containsSubsequence(ConnectionState.SUSPENDED, ConnectionState.LOST);
			assertThat(recorder.addresses()).containsExactly("127.0.0.1:7070");

			this.clientStates.clear();
			this.zooKeeper.restart();
			await().until(() -> this.clientStates.contains(ConnectionState.RECONNECTED));
			// The server registers again, and the client hears of new servers.
			await().until(() -> this.clientCurator.getChildren().forPath("/jrpc/" + GREETER).size() == 1);
			// The server's curator may reconnect later than the client's, and a registration waits
			// only for its connection timeout.
			assertThat(this.serverCurator.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
			server.register(registration(7071));
			await().until(recorder::addresses,
					(addresses) -> List.of("127.0.0.1:7070", "127.0.0.1:7071").equals(addresses));
			// Never an empty list, never the first server missing: not during the outage, not while
			// the server's node was deleted and created again after it.
			assertThat(recorder.updates).allSatisfy(
					(endpoints) -> assertThat(endpoints).extracting(Endpoint::address).contains("127.0.0.1:7070"));
			assertThat(recorder.updates).hasSize(2);
		}
	}

	private CuratorFramework curator(int sessionTimeoutMillis) {
		CuratorFramework curator = CuratorFrameworkFactory.builder()
			.connectString(this.zooKeeper.getConnectString())
			.sessionTimeoutMs(sessionTimeoutMillis)
			.connectionTimeoutMs(2000)
			.retryPolicy(new RetryNTimes(3, 100))
			.build();
		curator.start();
		return curator;
	}

	/**
	 * Expires a session the way ZooKeeper does when a client stays away too long: the server ends it
	 * and deletes its ephemeral nodes. Done by opening a second handle on the same session and closing
	 * it, which closes the session on the server.
	 */
	private void expireOnTheServer(ZooKeeper zooKeeper) throws Exception {
		CountDownLatch connected = new CountDownLatch(1);
		ZooKeeper twin = new ZooKeeper(this.zooKeeper.getConnectString(), SESSION_TIMEOUT_MILLIS, (event) -> {
			if (event.getState() == KeeperState.SyncConnected) {
				connected.countDown();
			}
		}, zooKeeper.getSessionId(), zooKeeper.getSessionPasswd());
		try {
			assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			twin.close();
		}
	}

	private static ServiceRegistration registration(int port) {
		return new ServiceRegistration(GREETER, "", Endpoint.of("127.0.0.1", port), Instant.EPOCH);
	}

}
