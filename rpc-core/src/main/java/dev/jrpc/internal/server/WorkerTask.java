package dev.jrpc.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every worker of the server runs a task, whichever executor gave it the thread. */
final class WorkerTask {

	private static final Logger logger = LoggerFactory.getLogger(WorkerTask.class);

	private WorkerTask() {
	}

	/**
	 * Runs {@code task} on the current thread: without an interrupt a previous task left (only a
	 * shutdown interrupts it), and without letting its failure end the thread, which goes on to the
	 * next task.
	 */
	static void run(Runnable task, boolean shuttingDown) {
		Thread.interrupted();
		if (shuttingDown) {
			Thread.currentThread().interrupt();
		}
		try {
			task.run();
		}
		catch (Throwable ex) {
			logger.error("A worker task failed", ex);
		}
	}

}
