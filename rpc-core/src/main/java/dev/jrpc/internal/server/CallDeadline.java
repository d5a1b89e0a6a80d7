package dev.jrpc.internal.server;

/**
 * The deadline of the call the current thread runs, for {@link dev.jrpc.RpcContext}; set only while
 * a service method runs on a worker.
 */
public final class CallDeadline {

	/** No deadline: the caller sent no timeout, or no call runs. */
	public static final long NONE = Long.MIN_VALUE;

	private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[] { NONE });

	private CallDeadline() {
	}

	/** The {@link System#nanoTime()} by which the caller wants the answer, or {@link #NONE}. */
	public static long current() {
		return CURRENT.get()[0];
	}

	static void set(long deadlineNanos) {
		CURRENT.get()[0] = deadlineNanos;
	}

	static void clear() {
		CURRENT.get()[0] = NONE;
	}

}
