package dev.jrpc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.jrpc.testing.KillableRelay;
import dev.jrpc.testing.NamedReplica;
import dev.jrpc.testing.Replica;
import dev.jrpc.testing.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** One client, several servers of one service: balancing, failover, retries and ejection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

	private final List<NamedReplica> replicas = new ArrayList<>();

	private final RpcClient client = RpcClient.builder().build();

	@AfterEach
	void close() throws Exception {
		this.client.close();
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	/** Starts a server named {@code name}; returns its port. */
	private int server(String name) {
		NamedReplica replica = new NamedReplica(name, this.writes);
		this.replicas.add(replica);
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Replica.class, replica)
			.build();
		server.start();
		this.resources.add(server);
		return server.port();
	}

	private Replica proxy(String address, LoadBalancing balancing, Duration timeout) {
		return this.client.proxy(Replica.class).address(address).loadBalancing(balancing).timeout(timeout).build();
	}

	private static String addresses(int... ports) {
		List<String> list = new ArrayList<>();
		for (int port : ports) {
			list.add("127.0.0.1:" + port);
		}
		return String.join(",", list);
	}

	@Test
	void roundRobinSpreadsCallsEvenlyOverThreeServers() {
		Replica replica = proxy(addresses(server("a"), server("b"), server("c")), LoadBalancing.ROUND_ROBIN,
				Duration.ofSeconds(5));

		Map<String, Long> counts = new HashMap<>();
		for (int i = 0; i < 300; i++) {
			counts.merge(replica.name(), 1L, Long::sum);
		}

		assertThat(counts).containsOnlyKeys("a", "b", "c");
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(90L, 110L));
	}

	@Test
	void leastInFlightSendsFewerCallsToASlowServer() throws Exception {
		int fast = server("fast");
		NamedReplica slow = new NamedReplica("slow") {
			@Override
			public String name() {
				nameAfter(50);
				return "slow";
			}
		};
		RpcServer slowServer = RpcServer.builder().address("127.0.0.1").port(0).addService(Replica.class, slow).build();
		slowServer.start();
		this.resources.add(slowServer);
		Replica replica = proxy(addresses(fast, slowServer.port()), LoadBalancing.LEAST_IN_FLIGHT, Duration.ofSeconds(5));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		this.resources.add(threads::shutdownNow);

		Map<String, Long> counts = new ConcurrentHashMap<>();
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			calls.add(CompletableFuture.runAsync(() -> counts.merge(replica.name(), 1L, Long::sum), threads));
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

		assertThat(counts.get("fast")).isGreaterThan(3 * counts.getOrDefault("slow", 0L));
	}

	@Test
	void consistentHashKeepsEachKeyOnOneServer() {
		Replica replica = proxy(addresses(server("a"), server("b"), server("c")), LoadBalancing.CONSISTENT_HASH,
				Duration.ofSeconds(5));

		Map<String, Set<String>> serversByKey = new HashMap<>();
		for (int round = 0; round < 3; round++) {
			for (int key = 0; key < 60; key++) {
				serversByKey.computeIfAbsent("key-" + key, (k) -> new java.util.HashSet<>())
					.add(replica.nameFor("key-" + key));
			}
		}

		assertThat(serversByKey.values()).allSatisfy((servers) -> assertThat(servers).hasSize(1));
		Set<String> used = serversByKey.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		assertThat(used).as("keys spread over the servers").containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void aDnsNameGivesEveryAddressItResolvesTo() {
		int port = server("local");
		// localhost resolves to 127.0.0.1, and on some hosts to ::1 too, where nothing listens: a
		// call that cannot connect there goes to 127.0.0.1.
		Replica replica = proxy("dns:///localhost:" + port, LoadBalancing.ROUND_ROBIN, Duration.ofSeconds(5));

		for (int i = 0; i < 10; i++) {
			assertThat(replica.write("dns-" + i, 0)).isEqualTo("local");
		}
		assertThat(replica.toString()).contains("dns:///localhost:" + port);
	}

	@Test
	void callsThatCouldNotConnectGoToAnotherServerForAnyMethod() throws IOException {
		int live = server("live");
		int dead;
		try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
			dead = closed.getLocalPort();
		}
		Replica replica = proxy(addresses(dead, live), LoadBalancing.ROUND_ROBIN, Duration.ofSeconds(5));

		for (int i = 0; i < 20; i++) {
			assertThat(replica.write("w" + i, 0)).isEqualTo("live");
		}
		assertThat(this.writes.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

	@Test
	void failsNamingEachServerAndWhyWhenNoneCanBeReached() throws IOException {
		int first;
		int second;
		try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket b = new java.net.ServerSocket(0)) {
			first = a.getLocalPort();
			second = b.getLocalPort();
		}
		Replica replica = proxy(addresses(first, second), LoadBalancing.ROUND_ROBIN, Duration.ofSeconds(5));

		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(replica::name)
			.withMessageContaining("Replica.name")
			.withMessageContaining("127.0.0.1:" + first)
			.withMessageContaining("127.0.0.1:" + second);
		// Both now rest after failing: the next call makes one fresh attempt and fails at once, not after its timeout.
		long start = System.nanoTime();
		assertThatExceptionOfType(RpcConnectionException.class).isThrownBy(replica::name)
			.withMessageContaining("resting for another");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	/** Starts a server whose calls never end, behind a relay the test can kill; returns the relay. */
	private KillableRelay frozenServerBehindRelay(AtomicInteger started) throws IOException {
		NamedReplica frozen = new NamedReplica("frozen", this.writes) {

			@Override
			public String nameAfter(long millis) {
				started.incrementAndGet();
				return super.nameAfter(60_000);
			}

			@Override
			public String write(String key, long millis) {
				started.incrementAndGet();
				return super.write(key, 60_000);
			}

		};
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.shutdownGracePeriod(Duration.ZERO)
			.addService(Replica.class, frozen)
			.build();
		server.start();
		this.resources.add(server);
		KillableRelay relay = new KillableRelay(server.port());
		this.resources.add(relay);
		return relay;
	}

	@Test
	void idempotentCallsOfAKilledServerSucceedElsewhere() throws Exception {
		int survivor = server("survivor");
		AtomicInteger started = new AtomicInteger();
		KillableRelay doomed = frozenServerBehindRelay(started);
		Replica replica = proxy(addresses(doomed.port(), survivor), LoadBalancing.ROUND_ROBIN, Duration.ofSeconds(10));
		ExecutorService threads = Executors.newFixedThreadPool(6);
		this.resources.add(threads::shutdownNow);

		List<CompletableFuture<String>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> replica.nameAfter(0), threads));
		}
		org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> started.get() >= 3);
		doomed.kill();

		for (CompletableFuture<String> call : calls) {
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("survivor");
		}
		assertThat(this.replicas.get(0).calls()).as("all six calls ran on the survivor, three of them retried")
			.isEqualTo(6);
	}

	@Test
	void aWriteThatMayHaveRunIsNeverSentTwice() throws Exception {
		int survivor = server("survivor");
		AtomicInteger started = new AtomicInteger();
		KillableRelay doomed = frozenServerBehindRelay(started);
		Replica replica = proxy(addresses(doomed.port(), survivor), LoadBalancing.ROUND_ROBIN, Duration.ofSeconds(10));
		ExecutorService threads = Executors.newFixedThreadPool(1);
		this.resources.add(threads::shutdownNow);

		CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> replica.write("once", 0), threads);
		org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> started.get() == 1);
		doomed.kill();

		assertThat(write).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(RpcConnectionException.class);
		assertThat(this.writes.get("once").get()).as("executions of the write").isEqualTo(1);
		assertThat(this.replicas.get(0).calls()).as("calls that reached the survivor").isZero();
	}

	@Test
	void aServerThatTimesOutAgainAndAgainIsSetAside() throws IOException {
		SilentServer blackHole = SilentServer.start();
		this.resources.add(blackHole);
		// Long enough that the live servers never time out on a busy machine; the 5 timeouts that set
		// the black hole aside take 10 s.
		Replica replica = proxy(addresses(server("a"), blackHole.port(), server("b")), LoadBalancing.ROUND_ROBIN,
				Duration.ofSeconds(2));

		int failures = 0;
		List<String> lastAnswers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			try {
				String name = replica.name();
				if (i >= 30) {
					lastAnswers.add(name);
				}
			}
			catch (RpcTimeoutException ex) {
				failures++;
			}
		}

		assertThat(failures).as("timeouts before the black hole is set aside").isBetween(4, 6);
		assertThat(lastAnswers).hasSize(30).containsOnly("a", "b");
	}

	@Test
	void aLoneSlowServerIsNeverSetAside() throws IOException {
		SilentServer blackHole = SilentServer.start();
		this.resources.add(blackHole);
		Replica replica = proxy(addresses(blackHole.port()), LoadBalancing.ROUND_ROBIN, Duration.ofMillis(100));

		for (int i = 0; i < 8; i++) {
			assertThatExceptionOfType(RpcTimeoutException.class).isThrownBy(replica::name)
				.withMessageContaining("within 100 ms");
		}
		assertThat(blackHole.connections()).isEqualTo(1);
	}

}
