package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.jrpc.RpcException;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.RpcTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The three ways a method returns, tried in this order: one-way, a future, a value the caller
 * waits for.
 */
final class ReturnAdapters {

	/**
	 * How long a caller still waits once it has abandoned its call at the deadline: the attempt on a
	 * connection then ends at once, but an interceptor may hold the answer back, and this bounds
	 * that wait.
	 */
	private static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private ReturnAdapters() {
	}

	/** The adapters in the order they are tried. */
	static ReturnAdapter.Factory[] all(EventLoopGroup eventLoops, Executor callbackExecutor) {
		List<EventExecutor> loops = new ArrayList<>();
		eventLoops.forEach(loops::add);
		EventExecutor[] loopArray = loops.toArray(EventExecutor[]::new);
		return new ReturnAdapter.Factory[] { (method) -> method.isOneWay() ? new Waiting(loopArray, true) : null,
				(method) -> method.isAsync() ? new Future(callbackExecutor) : null,
				(method) -> new Waiting(loopArray, false) };
	}

	/** A future, completed on the callback executor, never on an event loop. */
	private record Future(Executor callbackExecutor) implements ReturnAdapter {

		@Override
		public CompletableFuture<@Nullable Object> invoke(OutgoingCall call,
				Function<OutgoingCall, CompletableFuture<@Nullable Object>> chain) {
			CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
			chain.apply(call).whenComplete((value, failure) -> this.callbackExecutor.execute(() -> {
				if (failure != null) {
					result.completeExceptionally(unwrap(failure));
				}
				else {
					result.complete(value);
				}
			}));
			return result;
		}

	}

	/**
	 * The caller waits for the answer, or for a one-way call until its request is written. Refused
	 * on a jrpc event loop, where the answer could never be read. At the deadline it abandons the
	 * call, which ends the attempt under way: a call answered in time schedules no timer at all.
	 * (A timer per call, scheduled on the event loop and cancelled when the answer came, cost about
	 * 100 bytes and two priority-queue operations per call: issue 8's benchmark report.)
	 */
	private record Waiting(EventExecutor[] eventLoops, boolean oneWay) implements ReturnAdapter {

		@Override
		public boolean endsCallsAtDeadline() {
			return !this.oneWay;
		}

		@Override
		public @Nullable Object invoke(OutgoingCall call,
				Function<OutgoingCall, CompletableFuture<@Nullable Object>> chain) throws Throwable {
			for (EventExecutor loop : this.eventLoops) {
				if (loop.inEventLoop()) {
					throw new IllegalStateException("Cannot call " + call.clientMethod().displayName()
							+ " on a jrpc event loop thread: the call would wait for itself");
				}
			}
			CompletableFuture<@Nullable Object> answer = chain.apply(call);
			try {
				try {
					return answer.get(Math.max(0, call.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					if (this.oneWay) {
						throw ex;
					}
					// The attempt under way ends as timed out, and the answer says so at once.
					call.abandon(false);
					return answer.get(LATE_NANOS, TimeUnit.NANOSECONDS);
				}
			}
			catch (ExecutionException ex) {
				throw fromHere(unwrap(ex));
			}
			catch (TimeoutException ex) {
				RpcTimeoutException timeout = new RpcTimeoutException((this.oneWay ? "One-way " : "")
						+ call.clientMethod().displayName() + (this.oneWay ? " could not be written" : " got no answer")
						+ " within " + call.timeoutMillis() + " ms");
				answer.completeExceptionally(timeout);
				throw timeout;
			}
			catch (InterruptedException ex) {
				call.abandon(true);
				Thread.currentThread().interrupt();
				throw new RpcException("Interrupted while waiting for " + call.clientMethod().displayName(), ex);
			}
		}

		/**
		 * A failure made by jrpc on another thread gets the caller's stack, so that it shows where the
		 * call was made; an interceptor's own exception keeps its own.
		 */
		private static Throwable fromHere(Throwable failure) {
			if (failure instanceof RpcException || failure.getCause() instanceof RpcRemoteException) {
				StackTraceElement[] here = new Throwable().getStackTrace();
				failure.setStackTrace(here);
			}
			return failure;
		}

	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
