package dev.jrpc.internal.server;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.jrpc.RpcErrorCodes;
import org.jspecify.annotations.Nullable;

/**
 * Runs calls off the event loops, on a bounded executor, in named steps: check the deadline, run
 * the interceptors around the service method, then answer through {@link ServerCall#answer}. A
 * call that finds the executor full is answered at once with a "server busy" error and never
 * queued. Counts the calls in flight so that a stop can wait for them.
 */
final class CallDispatcher {

	private final Executor executor;

	private final ServerInterceptorChain interceptors;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private volatile boolean draining;

	CallDispatcher(Executor executor, ServerInterceptorChain interceptors) {
		this.executor = executor;
		this.interceptors = interceptors;
	}

	/** Runs {@code request} on a worker and answers it through {@code responder}; called on the event loop. */
	void dispatch(InboundRequest.Call request, CallResponder responder, SocketAddress remoteAddress) {
		this.inFlight.incrementAndGet();
		ServerCall call = new ServerCall(request, responder, remoteAddress, System.nanoTime(), this::callEnded);
		if (this.draining) {
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Server busy: shutting down"));
			return;
		}
		try {
			this.executor.execute(() -> run(call));
		}
		catch (RejectedExecutionException ex) {
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Server busy: no worker is free for "
					+ request.method().displayName() + "; try again later"));
		}
	}

	/** On a worker: the deadline, then the interceptors and the method, then the answer. */
	private void run(ServerCall call) {
		if (call.isPastDeadline()) {
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.DEADLINE_EXCEEDED, "Deadline exceeded: "
					+ call.serverMethod().displayName() + " waited longer than the caller's " + call.timeoutMillis()
					+ " ms"));
			return;
		}
		Object returned;
		CurrentCall.set(call);
		try {
			returned = this.interceptors.invoke(call);
		}
		catch (Throwable ex) {
			call.answer(new ServerCall.Outcome.Thrown(ex));
			return;
		}
		finally {
			CurrentCall.set(null);
		}
		answerWhenDone(call, returned);
	}

	/** Answers at once, or when the future an asynchronous method returned completes. */
	private static void answerWhenDone(ServerCall call, @Nullable Object returned) {
		if (!call.serverMethod().isAsync() || (returned != null && !(returned instanceof CompletionStage))) {
			call.answer(new ServerCall.Outcome.Success(returned));
		}
		else if (returned == null) {
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.INTERNAL_ERROR,
					"Internal error: " + call.serverMethod().displayName() + " returned null instead of a future"));
		}
		else {
			((CompletionStage<?>) returned).whenComplete((value, failure) -> call.answer((failure != null)
					? new ServerCall.Outcome.Thrown(unwrapCompletion(failure)) : new ServerCall.Outcome.Success(value)));
		}
	}

	private static Throwable unwrapCompletion(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** Called once per dispatched call, after its answer was handed to the connection. */
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

	/** Refuses new calls from now on, as busy. */
	void startDraining() {
		this.draining = true;
	}

	/** Whether the server is stopping and refuses new calls. */
	boolean isDraining() {
		return this.draining;
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
