package dev.jrpc.internal.client;

import org.jspecify.annotations.Nullable;

/**
 * Told once how one attempt of a call on one connection ended. The cluster layer's attempts
 * listen this way rather than through a {@code CompletableFuture} stage, which would cost each
 * call a future and a completion node more (about 64 bytes, measured with JMH's GC profiler).
 */
@FunctionalInterface
interface AttemptListener {

	/**
	 * @param outcome the result, or a {@link CallFailure} saying why the attempt failed; never
	 * thrown
	 */
	void attemptEnded(@Nullable Object outcome);

}
