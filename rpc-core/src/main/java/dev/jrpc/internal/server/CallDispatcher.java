package dev.jrpc.internal.server;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.RequestId;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls off the event loops, on a bounded executor; a call that finds it full is answered at
 * once with a "server busy" error and never queued. Counts the calls in flight so that a stop can
 * wait for them.
 */
final class CallDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(CallDispatcher.class);

	private final Executor executor;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private volatile boolean draining;

	CallDispatcher(Executor executor) {
		this.executor = executor;
	}

	/** Runs {@code call} on a worker and answers it on {@code connection}; called on the event loop. */
	void dispatch(InboundRequest.Call call, CallResponder connection) {
		if (this.draining) {
			finishWithError(call, connection, RpcErrorCodes.SERVER_BUSY, "Server busy: shutting down");
			return;
		}
		long receivedNanos = System.nanoTime();
		this.inFlight.incrementAndGet();
		try {
			this.executor.execute(() -> run(call, connection, receivedNanos));
		}
		catch (RejectedExecutionException ex) {
			callEnded();
			finishWithError(call, connection, RpcErrorCodes.SERVER_BUSY,
					"Server busy: no worker is free for " + call.method().displayName() + "; try again later");
		}
	}

	private void run(InboundRequest.Call call, CallResponder connection, long receivedNanos) {
		ServerMethod method = call.method();
		long deadline = (call.timeoutMillis() >= 0)
				? receivedNanos + TimeUnit.MILLISECONDS.toNanos(call.timeoutMillis()) : CallDeadline.NONE;
		if (deadline != CallDeadline.NONE && System.nanoTime() - deadline > 0) {
			endWith(() -> finishWithError(call, connection, RpcErrorCodes.DEADLINE_EXCEEDED, "Deadline exceeded: "
					+ method.displayName() + " waited longer than the caller's " + call.timeoutMillis() + " ms"));
			return;
		}
		Object result;
		try {
			CallDeadline.set(deadline);
			result = method.invoke(call.arguments());
		}
		catch (InvocationTargetException ex) {
			endWith(() -> failed(call, connection, ex.getCause()));
			return;
		}
		catch (Throwable ex) {
			logger.warn("Could not invoke {}", method.displayName(), ex);
			endWith(() -> finishWithError(call, connection, RpcErrorCodes.INTERNAL_ERROR,
					"Internal error: could not invoke " + method.displayName()));
			return;
		}
		finally {
			CallDeadline.clear();
		}
		if (!method.isAsync()) {
			endWith(() -> succeeded(call, connection, result));
		}
		else if (result == null) {
			endWith(() -> finishWithError(call, connection, RpcErrorCodes.INTERNAL_ERROR,
					"Internal error: " + method.displayName() + " returned null instead of a future"));
		}
		else {
			((CompletionStage<?>) result).whenComplete((value, failure) -> endWith(() -> {
				if (failure != null) {
					failed(call, connection, unwrapCompletion(failure));
				}
				else {
					succeeded(call, connection, value);
				}
			}));
		}
	}

	/**
	 * Answers a call, and only then counts it as ended: a stop waiting for the calls in flight must
	 * not close the connection before their responses are written to it.
	 */
	private void endWith(Runnable respond) {
		try {
			respond.run();
		}
		finally {
			callEnded();
		}
	}

	private static void succeeded(InboundRequest.Call call, CallResponder connection, @Nullable Object value) {
		if (call.id().isAbsent()) {
			connection.dropped();
			return;
		}
		ServerMethod method = call.method();
		ByteBuf response;
		try {
			response = connection.writer().success(connection.alloc(), call.id(), method.resultWriter(), value);
		}
		catch (RuntimeException ex) {
			String problem;
			if (ByteBufJson.findTooLarge(ex) != null) {
				problem = "the result of " + method.displayName() + " is larger than the frame limit of "
						+ ByteBufJson.findTooLarge(ex).limit() + " bytes";
			}
			else {
				logger.warn("Could not write the result of {}", method.displayName(), ex);
				problem = "could not write the result of " + method.displayName() + ": " + ex.getMessage();
			}
			connection.respondError(call.id(), RpcErrorCodes.INTERNAL_ERROR, "Internal error: " + problem);
			return;
		}
		connection.respond(response);
	}

	private static void failed(InboundRequest.Call call, CallResponder connection, Throwable failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("{} threw {}", call.method().displayName(), failure.getClass().getName(), failure);
		}
		if (call.id().isAbsent()) {
			connection.dropped();
			return;
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		connection.respond(connection.writer()
			.error(connection.alloc(), call.id(), RpcErrorCodes.APPLICATION_ERROR, message,
					failure.getClass().getName()));
	}

	private static void finishWithError(InboundRequest.Call call, CallResponder connection, int code,
			String message) {
		RequestId id = call.id();
		if (id.isAbsent()) {
			connection.dropped();
		}
		else {
			connection.respondError(id, code, message);
		}
	}

	private static Throwable unwrapCompletion(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof java.util.concurrent.CompletionException
				|| cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private void callEnded() {
		if (this.inFlight.decrementAndGet() == 0 && this.draining) {
			this.lock.lock();
			try {
				this.idle.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** Refuses new calls from now on and waits up to {@code grace} for those in flight; true if none is left. */
	boolean drain(Duration grace) throws InterruptedException {
		this.draining = true;
		long remaining = grace.toNanos();
		this.lock.lock();
		try {
			while (this.inFlight.get() > 0 && remaining > 0) {
				remaining = this.idle.awaitNanos(remaining);
			}
			return this.inFlight.get() == 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	int inFlight() {
		return this.inFlight.get();
	}

}
