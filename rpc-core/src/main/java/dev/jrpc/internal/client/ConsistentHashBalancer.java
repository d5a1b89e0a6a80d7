package dev.jrpc.internal.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A ring of virtual nodes, {@value #NODES_PER_WEIGHT_100} per endpoint of weight 100, hashed
 * from each endpoint's address: a call goes to the first usable node at or after the hash of its
 * first argument's JSON, so a key keeps hitting the same server while the set is stable, and only
 * the keys of a server that leaves or joins move. Equal values hash equally in any client, since
 * the key is hashed as JSON. A method without arguments is balanced round-robin.
 */
final class ConsistentHashBalancer implements LoadBalancer {

	static final int NODES_PER_WEIGHT_100 = 160;

	/** Most nodes of one endpoint, whatever its weight. */
	private static final int MAX_NODES_PER_ENDPOINT = 16_000;

	private final RoundRobinBalancer withoutKey = new RoundRobinBalancer();

	private volatile Ring ring = new Ring(List.of(), new long[0], new int[0]);

	/** The ring of one set: node hashes in ascending order, and the member of each. */
	private record Ring(List<Member> members, long[] hashes, int[] owners) {
	}

	@Override
	public @Nullable Member pick(List<Member> members, OutgoingCall call, Predicate<Member> usable) {
		if (members.isEmpty()) {
			return null;
		}
		if (call.clientMethod().parameterCount() == 0) {
			return this.withoutKey.pick(members, call, usable);
		}
		Ring current = ringOf(members);
		long key = keyHash(call);
		int start = Arrays.binarySearch(current.hashes(), key);
		if (start < 0) {
			start = -start - 1;
		}
		int nodes = current.hashes().length;
		for (int i = 0; i < nodes; i++) {
			Member member = members.get(current.owners()[(start + i) % nodes]);
			if (usable.test(member)) {
				return member;
			}
		}
		return null;
	}

	private static long keyHash(OutgoingCall call) {
		Object key = call.argumentArray()[0];
		byte[] json;
		try {
			json = call.clientMethod().parameterWriter(0).writeValueAsBytes(key);
		}
		catch (JacksonException ex) {
			json = String.valueOf(key).getBytes(StandardCharsets.UTF_8);
		}
		return hash(json);
	}

	private Ring ringOf(List<Member> members) {
		Ring current = this.ring;
		if (current.members() != members) {
			current = build(members);
			this.ring = current;
		}
		return current;
	}

	private static Ring build(List<Member> members) {
		int total = 0;
		int[] counts = new int[members.size()];
		for (int i = 0; i < counts.length; i++) {
			long nodes = (long) NODES_PER_WEIGHT_100 * members.get(i).endpoint().weight() / 100;
			counts[i] = (int) Math.max(1, Math.min(MAX_NODES_PER_ENDPOINT, nodes));
			total += counts[i];
		}
		long[] hashes = new long[total];
		int[] owners = new int[total];
		int node = 0;
		for (int i = 0; i < counts.length; i++) {
			String address = members.get(i).endpoint().address();
			for (int n = 0; n < counts[i]; n++) {
				hashes[node] = hash((address + '#' + n).getBytes(StandardCharsets.UTF_8));
				owners[node] = i;
				node++;
			}
		}
		// Sort the nodes by hash, keeping each owner with its node.
		Integer[] order = new Integer[total];
		for (int i = 0; i < total; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
		long[] sortedHashes = new long[total];
		int[] sortedOwners = new int[total];
		for (int i = 0; i < total; i++) {
			sortedHashes[i] = hashes[order[i]];
			sortedOwners[i] = owners[order[i]];
		}
		return new Ring(members, sortedHashes, sortedOwners);
	}

	/** FNV-1a over the bytes, then SplitMix64's finalizer to spread the bits over the ring. */
	static long hash(byte[] bytes) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : bytes) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 30;
		hash *= 0xbf58476d1ce4e5b9L;
		hash ^= hash >>> 27;
		hash *= 0x94d049bb133111ebL;
		hash ^= hash >>> 31;
		return hash;
	}

}
