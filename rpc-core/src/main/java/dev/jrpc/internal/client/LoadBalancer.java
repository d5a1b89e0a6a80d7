package dev.jrpc.internal.client;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Picks the endpoint of each call from a snapshot of the set, among those the cluster can use
 * now (not resting after a failed connection, not set aside, not yet tried by this call).
 */
interface LoadBalancer {

	/** The member to call, or null when {@code usable} accepts none. */
	@Nullable Member pick(List<Member> members, OutgoingCall call, Predicate<Member> usable);

}
