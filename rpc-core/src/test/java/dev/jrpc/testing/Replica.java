package dev.jrpc.testing;

import dev.jrpc.Idempotent;

/** A service that several servers export, each answering with its own name. */
public interface Replica {

	/** The name of the server that answered. */
	@Idempotent
	String name();

	/** The name of the server that answered, for a key: the first argument balances consistent-hash calls. */
	@Idempotent
	String nameFor(String key);

	/** The name of the server that answered, after {@code millis}. */
	@Idempotent
	String nameAfter(long millis);

	/** Counts one execution for {@code key} on this server, after {@code millis}: not safe to repeat. */
	String write(String key, long millis);

}
