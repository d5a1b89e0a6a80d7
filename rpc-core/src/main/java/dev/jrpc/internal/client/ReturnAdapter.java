package dev.jrpc.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Turns the one asynchronous call of the core into what an interface method returns: a value the
 * caller waits for, a future, or nothing for a one-way method. Chosen once per method, when the
 * proxy is built, by the first {@link Factory} that accepts it.
 */
interface ReturnAdapter {

	/**
	 * Starts {@code call} through {@code chain} and returns what the method returns.
	 * @throws Throwable what the method throws: an {@link dev.jrpc.RpcException} or an exception it
	 * may rethrow
	 */
	@Nullable Object invoke(OutgoingCall call, Function<OutgoingCall, CompletableFuture<@Nullable Object>> chain)
			throws Throwable;

	/**
	 * Whether a thread waits for each answer and ends the call with {@link OutgoingCall#abandon}
	 * once its deadline has passed; the calls of other adapters each get a deadline timer.
	 */
	default boolean endsCallsAtDeadline() {
		return false;
	}

	/** Makes the adapter for a method, or returns null when it does not handle that method. */
	@FunctionalInterface
	interface Factory {

		@Nullable ReturnAdapter create(ClientMethod method);

	}

	/** The adapter of the first factory that accepts {@code method}. */
	static ReturnAdapter choose(ClientMethod method, Factory... factories) {
		for (Factory factory : factories) {
			ReturnAdapter adapter = factory.create(method);
			if (adapter != null) {
				return adapter;
			}
		}
		throw new IllegalArgumentException("No way to return the result of " + method.displayName());
	}

}
