package dev.jrpc.internal.server;

import org.jspecify.annotations.Nullable;

/**
 * The call the current thread serves, for {@link dev.jrpc.RpcContext} and for the deadline of
 * calls a service makes in turn; set only while interceptors and the service method run on a
 * worker.
 */
public final class CurrentCall {

	/** No deadline: the caller sent no timeout, or no call runs. */
	public static final long NO_DEADLINE = Long.MIN_VALUE;

	private static final ThreadLocal<@Nullable ServerCall> CURRENT = new ThreadLocal<>();

	private CurrentCall() {
	}

	/** The call being served on this thread, or null. */
	public static @Nullable ServerCall get() {
		return CURRENT.get();
	}

	/** The {@link System#nanoTime()} by which the caller of the current call wants its answer, or {@link #NO_DEADLINE}. */
	public static long deadline() {
		ServerCall call = CURRENT.get();
		return (call != null) ? call.deadline() : NO_DEADLINE;
	}

	static void set(@Nullable ServerCall call) {
		CURRENT.set(call);
	}

}
