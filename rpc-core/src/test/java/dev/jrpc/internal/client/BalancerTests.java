package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jrpc.RpcJsonMapper;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.RemoteInterface;
import dev.jrpc.internal.protocol.RemoteMethod;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The balancers on a set of members, no connection needed. */
class BalancerTests {

	private final ObjectMapper mapper = RpcJsonMapper.create(1 << 20);

	private final ClientMethod greet = method("greet");

	private ClientMethod method(String name) {
		for (RemoteMethod remote : RemoteInterface.parse(Greeter.class, "g", "", this.mapper)) {
			if (remote.method().getName().equals(name)) {
				return new ClientMethod(Greeter.class, remote, "g", "", null, this.mapper, (method) -> (call, chain) -> null);
			}
		}
		throw new IllegalArgumentException(name);
	}

	private static List<Member> members(int... weights) {
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < weights.length; i++) {
			Endpoint endpoint = new Endpoint("10.0.0." + (i + 1), 7070, weights[i], Map.of());
			ConnectionSettings settings = new ConnectionSettings(1024, Duration.ZERO, Duration.ofSeconds(1), List.of(),
					new ConnectionBackoff(Duration.ofSeconds(1), 1.6, 0.2, Duration.ofSeconds(120), () -> 0.5),
					Ticker.SYSTEM, Runnable::run, null);
			// Never connected: balancing only reads what the connection knows of its server.
			members.add(new Member(endpoint, new ClientConnection(new ServerAddress(endpoint.host(), 7070), null, null,
					new ConnectionKind(Framing.LENGTH_PREFIXED, 0, null), settings)));
		}
		return List.copyOf(members);
	}

	private OutgoingCall call(String key) {
		return new OutgoingCall(this.greet, new Object[] { key }, System.nanoTime() + 1_000_000_000L, 1000, false, false);
	}

	private static Map<String, Integer> count(LoadBalancer balancer, List<Member> members, List<OutgoingCall> calls) {
		Map<String, Integer> counts = new HashMap<>();
		for (OutgoingCall call : calls) {
			counts.merge(balancer.pick(members, call, (member) -> true).endpoint().host(), 1, Integer::sum);
		}
		return counts;
	}

	@Test
	void roundRobinHonoursWeightsWithoutLongRuns() {
		List<Member> members = members(100, 200, 300);
		RoundRobinBalancer balancer = new RoundRobinBalancer();
		List<OutgoingCall> calls = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			calls.add(call("k"));
		}

		assertThat(count(balancer, members, calls)).containsEntry("10.0.0.1", 100)
			.containsEntry("10.0.0.2", 200)
			.containsEntry("10.0.0.3", 300);
		int[] order = RoundRobinBalancer.weightedOrder(members);
		assertThat(order).hasSize(6).containsExactly(2, 1, 0, 2, 1, 2);
	}

	@Test
	void roundRobinPassesOverMembersThatCannotBeUsed() {
		List<Member> members = members(100, 100, 100);
		RoundRobinBalancer balancer = new RoundRobinBalancer();

		for (int i = 0; i < 10; i++) {
			assertThat(balancer.pick(members, call("k"), (member) -> member != members.get(1))).isNotSameAs(members.get(1));
		}
		assertThat(balancer.pick(members, call("k"), (member) -> false)).isNull();
	}

	@Test
	void consistentHashMovesOnlyTheKeysOfAServerThatLeaves() {
		List<Member> three = members(100, 100, 100);
		List<Member> two = List.of(three.get(0), three.get(2));
		ConsistentHashBalancer balancer = new ConsistentHashBalancer();
		int moved = 0;
		int onLeaver = 0;
		for (int i = 0; i < 3000; i++) {
			OutgoingCall call = call("key-" + i);
			Member before = balancer.pick(three, call, (member) -> true);
			Member after = balancer.pick(two, call, (member) -> true);
			if (before == three.get(1)) {
				onLeaver++;
			}
			else if (before != after) {
				moved++;
			}
		}

		assertThat(moved).as("keys of the servers that stayed").isZero();
		assertThat(onLeaver).as("the leaver's share of 3000 keys").isBetween(800, 1200);
	}

	@Test
	void consistentHashSkipsAnUnusableServerForTheNextOnTheRing() {
		List<Member> members = members(100, 100, 100);
		ConsistentHashBalancer balancer = new ConsistentHashBalancer();
		OutgoingCall call = call("some key");
		Member usual = balancer.pick(members, call, (member) -> true);

		Member instead = balancer.pick(members, call, (member) -> member != usual);

		assertThat(instead).isNotNull().isNotSameAs(usual);
		assertThat(balancer.pick(members, call, (member) -> true)).isSameAs(usual);
	}

}
