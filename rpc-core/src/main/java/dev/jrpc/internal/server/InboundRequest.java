package dev.jrpc.internal.server;

import dev.jrpc.RpcMetadata;
import dev.jrpc.internal.protocol.RequestId;
import org.jspecify.annotations.Nullable;

/** What the server read from one request object: a call to run, a ping, or an error to answer. */
sealed interface InboundRequest {

	RequestId id();

	/**
	 * A call to run.
	 * @param timeoutMillis the time the caller said it would wait, or -1
	 * @param metadata the request's {@code meta} member, empty when it had none
	 */
	record Call(RequestId id, ServerMethod method, @Nullable Object[] arguments, long timeoutMillis,
			RpcMetadata metadata) implements InboundRequest {
	}

	/** A {@code rpc.ping}, answered at once on the I/O thread. */
	record Ping(RequestId id) implements InboundRequest {
	}

	/** A request that cannot run; answered with this error unless it is a notification. */
	record Invalid(RequestId id, int code, String message) implements InboundRequest {
	}

}
