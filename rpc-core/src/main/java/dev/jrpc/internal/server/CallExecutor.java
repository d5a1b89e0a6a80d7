package dev.jrpc.internal.server;

import java.util.concurrent.Executor;

/** Where the dispatcher runs calls: an executor that can take back a task it has not started. */
@FunctionalInterface
interface CallExecutor extends Executor {

	/** Takes back one submission of {@code task} that has not started; false when none is left waiting. */
	default boolean cancel(Runnable task) {
		return false;
	}

	/** Takes no more tasks, drops those waiting and interrupts those running. */
	default void shutdownNow() {
	}

}
