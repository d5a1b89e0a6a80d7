package dev.jrpc.internal.client;

import java.util.concurrent.CompletableFuture;

/**
 * A call written and waiting for its answer. It completes with the result, or with a
 * {@link CallFailure} as its value (never exceptionally), on the event loop.
 */
final class PendingCall extends CompletableFuture<Object> {

	private final ClientMethod method;

	PendingCall(ClientMethod method) {
		this.method = method;
	}

	ClientMethod method() {
		return this.method;
	}

}
