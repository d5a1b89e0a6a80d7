package dev.jrpc.internal.client;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Two random choices: of two distinct usable endpoints drawn at random, the one with fewer calls in flight
 * relative to its weight, as gRPC's least_request and Dubbo's adaptive balancing do. A slow server
 * gathers calls in flight and so gets fewer new ones, without a global scan per call.
 */
final class LeastInFlightBalancer implements LoadBalancer {

	@Override
	public @Nullable Member pick(List<Member> members, OutgoingCall call, Predicate<Member> usable) {
		int count = members.size();
		if (count == 0) {
			return null;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int firstIndex = random.nextInt(count);
		Member first = members.get(firstIndex);
		Member second = (count > 1) ? members.get((firstIndex + 1 + random.nextInt(count - 1)) % count) : first;
		boolean firstUsable = usable.test(first);
		boolean secondUsable = (second == first) ? firstUsable : usable.test(second);
		if (firstUsable && secondUsable) {
			return (load(second) < load(first)) ? second : first;
		}
		if (firstUsable || secondUsable) {
			return firstUsable ? first : second;
		}
		// Both drawn were unusable: the least loaded of the usable ones.
		Member best = null;
		for (Member member : members) {
			if (usable.test(member) && (best == null || load(member) < load(best))) {
				best = member;
			}
		}
		return best;
	}

	/** Calls in flight per unit of weight. */
	private static double load(Member member) {
		return (member.connection().inFlight() + 1) / (double) member.endpoint().weight();
	}

}
