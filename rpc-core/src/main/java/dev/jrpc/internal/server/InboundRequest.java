package dev.jrpc.internal.server;

import dev.jrpc.internal.protocol.RequestId;
import org.jspecify.annotations.Nullable;

/** What the server read from one request object: a call to run, or an error to answer. */
sealed interface InboundRequest {

	RequestId id();

	/**
	 * A call to run.
	 * @param timeoutMillis the time the caller said it would wait, or -1
	 */
	record Call(RequestId id, ServerMethod method, @Nullable Object[] arguments, long timeoutMillis)
			implements InboundRequest {
	}

	/** A request that cannot run; answered with this error unless it is a notification. */
	record Invalid(RequestId id, int code, String message) implements InboundRequest {
	}

}
