package dev.jrpc;

/** How a proxy spreads its calls over the endpoints of its service. */
public enum LoadBalancing {

	/** Each endpoint in turn, as often as its weight says. The default. */
	ROUND_ROBIN,

	/**
	 * Of two endpoints drawn at random, the one with fewer calls in flight for its weight: slow
	 * servers get fewer calls.
	 */
	LEAST_IN_FLIGHT,

	/**
	 * By the hash of the first argument, so that a key keeps hitting the same server while the set
	 * of servers is stable; a method without arguments is balanced round-robin.
	 */
	CONSISTENT_HASH

}
