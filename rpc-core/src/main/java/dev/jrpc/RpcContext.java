package dev.jrpc;

import java.time.Duration;
import java.util.Optional;

import dev.jrpc.internal.server.CallDeadline;

/**
 * What a service method can learn about the call it is serving, while it runs on the server's
 * worker thread.
 */
public final class RpcContext {

	private RpcContext() {
	}

	/**
	 * The time the caller will still wait for the answer of the current call, which may be
	 * negative when it has passed; empty when the caller sent no timeout or when the current thread
	 * serves no call. A service can use it to give up early, or to pass a deadline on.
	 */
	public static Optional<Duration> remainingTime() {
		long deadline = CallDeadline.current();
		if (deadline == CallDeadline.NONE) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(deadline - System.nanoTime()));
	}

}
