package dev.jrpc.internal.server;

import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RequestId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Where the outcome of a dispatched call goes: straight to the connection for a single request,
 * or into its slot of a batch. Every dispatched call ends in exactly one of {@link #respond},
 * {@link #dropped} and {@link #abort}. Callable from any thread.
 */
interface CallResponder {

	/** The writer to encode this call's response with. */
	MessageWriter writer();

	ByteBufAllocator alloc();

	/** Sends a response written by {@link #writer()}. */
	void respond(ByteBuf response);

	/** The call gets no response: it was a notification. */
	void dropped();

	/** Nothing can be answered: closes the connection, so that its caller learns it at once. */
	void abort();

	/** Sends an error response. */
	default void respondError(RequestId id, int code, String message) {
		respond(writer().error(alloc(), id, code, message, null));
	}

}
