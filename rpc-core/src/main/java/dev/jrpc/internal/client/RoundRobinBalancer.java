package dev.jrpc.internal.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Each endpoint in turn, as often as its weight says: with equal weights a plain rotation; with
 * different ones, the smooth weighted order nginx uses (no endpoint gets a long run of calls),
 * computed once per set. An endpoint that cannot be used is passed over for the next.
 */
final class RoundRobinBalancer implements LoadBalancer {

	/** Longest weighted order kept; larger weight sums are scaled down to it. */
	private static final int MAX_ORDER = 4096;

	private final AtomicInteger next = new AtomicInteger();

	/** The weighted order of the last set seen. */
	private volatile Order order = new Order(List.of(), new int[0]);

	private record Order(List<Member> members, int[] indexes) {
	}

	@Override
	public @Nullable Member pick(List<Member> members, OutgoingCall call, Predicate<Member> usable) {
		int count = members.size();
		if (count <= 1) {
			return (count == 1 && usable.test(members.get(0))) ? members.get(0) : null;
		}
		int start = this.next.getAndIncrement() & Integer.MAX_VALUE;
		int[] indexes = orderOf(members);
		if (indexes != null) {
			for (int i = 0; i < indexes.length; i++) {
				Member member = members.get(indexes[(start + i) % indexes.length]);
				if (usable.test(member)) {
					return member;
				}
			}
			return null;
		}
		for (int i = 0; i < count; i++) {
			Member member = members.get((start + i) % count);
			if (usable.test(member)) {
				return member;
			}
		}
		return null;
	}

	/** The weighted order of {@code members}, or null when their weights are all equal. */
	private int @Nullable [] orderOf(List<Member> members) {
		Order current = this.order;
		if (current.members() != members) {
			current = new Order(members, weightedOrder(members));
			this.order = current;
		}
		return (current.indexes().length == 0) ? null : current.indexes();
	}

	/** Smooth weighted round-robin over one cycle; empty when the weights are equal. */
	static int[] weightedOrder(List<Member> members) {
		int count = members.size();
		long[] weights = new long[count];
		long total = 0;
		boolean equal = true;
		for (int i = 0; i < count; i++) {
			weights[i] = members.get(i).endpoint().weight();
			total += weights[i];
			equal &= weights[i] == weights[0];
		}
		if (equal) {
			return new int[0];
		}
		long divisor = 0;
		for (long weight : weights) {
			divisor = gcd(divisor, weight);
		}
		total = 0;
		for (int i = 0; i < count; i++) {
			weights[i] /= divisor;
			total += weights[i];
		}
		if (total > MAX_ORDER) {
			long scaled = 0;
			for (int i = 0; i < count; i++) {
				weights[i] = Math.max(1, weights[i] * MAX_ORDER / total);
				scaled += weights[i];
			}
			total = scaled;
		}
		int[] order = new int[(int) total];
		long[] current = new long[count];
		for (int slot = 0; slot < order.length; slot++) {
			int best = 0;
			for (int i = 0; i < count; i++) {
				current[i] += weights[i];
				if (current[i] > current[best]) {
					best = i;
				}
			}
			current[best] -= total;
			order[slot] = best;
		}
		return order;
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

}
