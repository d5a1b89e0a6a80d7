package dev.jrpc.spring.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Spring Boot's {@code spring.threads.virtual.enabled} for jrpc: when it is on and the JVM has
 * virtual threads (Java 21 or later), service methods run on virtual threads, still at most
 * {@code rpc.server.worker-threads} at once, and the client's callbacks too.
 */
final class RpcVirtualThreads {

	private static final Logger logger = LoggerFactory.getLogger(RpcVirtualThreads.class);

	private static final AtomicBoolean toldUnavailable = new AtomicBoolean();

	private RpcVirtualThreads() {
	}

	/** Whether jrpc's threads are to be virtual; says once, when asked for on a JVM without them, that they will not be. */
	static boolean enabled(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return true;
		}
		if (environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				&& toldUnavailable.compareAndSet(false, true)) {
			logger.info("spring.threads.virtual.enabled is set, but Java {} has no virtual threads (Java 21 has):"
					+ " jrpc's workers and callbacks run on platform threads", Runtime.version().feature());
		}
		return false;
	}

	/** A new virtual thread for each call the server runs. */
	static ThreadFactory serverCallThreads() {
		return new VirtualThreadTaskExecutor("jrpc-server-worker-").getVirtualThreadFactory();
	}

	/** A new virtual thread for each callback of the client. */
	static Executor clientCallbacks() {
		return new VirtualThreadTaskExecutor("jrpc-client-callback-");
	}

}
