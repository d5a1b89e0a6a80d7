package dev.jrpc.internal.server;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.jrpc.RpcErrorCodes;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Runs calls off the event loops in named steps: queue the call in its connection's lane of the
 * {@link CallQueue}, then, on a worker, check the deadline, run the interceptors around the
 * service method, and answer through {@link ServerCall#answer}. A call the queue refuses, or
 * displaces for fairness, is answered at once with a "server busy" error; one whose deadline passes
 * while it waits is answered "deadline exceeded" at that moment. Counts the calls in flight so
 * that a stop can wait for them.
 * <p>
 * Each call queued submits one task to the executor, which runs whichever call is next in turn:
 * the queue decides the order, the executor only how many run at once.
 */
final class CallDispatcher {

	private final CallExecutor executor;

	private final CallQueue queue;

	private final Runnable runNext = this::runNext;

	private final ServerInterceptorChain interceptors;

	private final @Nullable ServerObservations observations;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Calls refused as busy, for metrics: no worker or place free, displaced, or the server stopping. */
	private final LongAdder refusedBusy = new LongAdder();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private volatile boolean draining;

	/**
	 * @param executor runs the calls, as many at once as it has threads
	 * @param capacity most calls that may run or wait at once
	 * @param timer where waiting calls are checked against their deadlines
	 */
	CallDispatcher(CallExecutor executor, int capacity, ScheduledExecutorService timer,
			ServerInterceptorChain interceptors, @Nullable ServerObservations observations) {
		this.executor = executor;
		this.queue = new CallQueue(capacity, timer, (expired) -> {
			this.executor.cancel(this.runNext);
			deadlineExceeded((ServerCall) expired);
		});
		this.interceptors = interceptors;
		this.observations = observations;
	}

	/**
	 * Queues {@code request} in {@code lane} for a worker, which answers it through
	 * {@code responder}; called on the event loop.
	 */
	void dispatch(InboundRequest.Call request, CallResponder responder, ConnectionPeer peer, CallQueue.Lane lane) {
		this.inFlight.incrementAndGet();
		ServerCall call = new ServerCall(request, responder, peer, System.nanoTime(), this::callEnded);
		if (this.observations != null) {
			call.observe(this.observations.start(request.method(), request.metadata(), peer));
		}
		if (this.draining) {
			this.refusedBusy.increment();
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Server busy: shutting down"));
			return;
		}
		CallQueue.Offer offer = this.queue.offer(lane, call);
		if (offer == CallQueue.Offer.REFUSED) {
			busy(call);
			return;
		}
		if (offer instanceof CallQueue.Offer.Displaced displaced) {
			// The queue is as long as before: the task submitted for the displaced call runs this one.
			displaced((ServerCall) displaced.refused());
			return;
		}
		try {
			this.executor.execute(this.runNext);
		}
		catch (RejectedExecutionException ex) {
			if (this.queue.remove(lane, call)) {
				busy(call);
			}
		}
	}

	/** A request answered at once with the error {@code code}, without a call: observed, when calls are. */
	void rejected(int code, ConnectionPeer peer) {
		if (this.observations != null) {
			this.observations.rejected(code, peer);
		}
	}

	/**
	 * The connection of {@code lane} closed: its calls still waiting will not run. Each is ended,
	 * so that a stop does not wait for it, and its place is free at once.
	 */
	void connectionClosed(CallQueue.Lane lane) {
		for (CallQueue.Waiting waiting : this.queue.removeAll(lane)) {
			this.executor.cancel(this.runNext);
			ServerCall call = (ServerCall) waiting;
			call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Not run: the connection of "
					+ call.serverMethod().displayName() + " closed while it waited for a worker"));
		}
	}

	private void displaced(ServerCall call) {
		this.refusedBusy.increment();
		call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Server busy: the queue is full, and "
				+ call.serverMethod().displayName() + " gave its place to a call from a connection with fewer calls"
				+ " waiting; try again later"));
	}

	private void busy(ServerCall call) {
		this.refusedBusy.increment();
		call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.SERVER_BUSY, "Server busy: no worker is free for "
				+ call.serverMethod().displayName() + "; try again later"));
	}

	private static void deadlineExceeded(ServerCall call) {
		call.answer(new ServerCall.Outcome.Error(RpcErrorCodes.DEADLINE_EXCEEDED, "Deadline exceeded: "
				+ call.serverMethod().displayName() + " waited longer than the caller's " + call.timeoutMillis()
				+ " ms"));
	}

	/** On a worker: the call next in turn, if one still waits. */
	private void runNext() {
		ServerCall call = (ServerCall) this.queue.poll();
		if (call != null) {
			try {
				run(call);
			}
			finally {
				this.queue.finished();
			}
		}
	}

	/** On a worker: the deadline, then the interceptors and the method, then the answer. */
	private void run(ServerCall call) {
		if (call.isPastDeadline()) {
			deadlineExceeded(call);
			return;
		}
		Object returned;
		ServerObservations.Observed observation = call.observation();
		Observation.Scope scope = (observation != null) ? observation.openScope() : null;
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
			if (scope != null) {
				ServerObservations.Observed.close(scope);
			}
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

	/** Calls waiting for a worker now. */
	int waiting() {
		return this.queue.size();
	}

	/** Calls refused as busy so far, by the dispatcher and by connections going away. */
	long refusedBusy() {
		return this.refusedBusy.sum();
	}

	/** A connection going away refused {@code call} as busy: counted and observed, when calls are. */
	void refusedGoingAway(InboundRequest.Call call, ConnectionPeer peer) {
		this.refusedBusy.increment();
		if (this.observations != null) {
			this.observations.refused(call.method(), call.metadata(), RpcErrorCodes.SERVER_BUSY, peer);
		}
	}

}
