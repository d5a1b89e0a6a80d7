package dev.jrpc.internal.client;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcException;
import dev.jrpc.RpcProtocolException;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.RpcTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Why an attempt failed, as learned on the event loop, and whether it may be tried again. The
 * exception itself is made by {@link #toException()} when the call gives up.
 */
sealed interface CallFailure {

	/** What a failure says about retrying the call. */
	enum Retry {

		/** The call provably did not run: any call may be tried on another server. */
		NOT_RUN,

		/** The call may have run: only an idempotent one may be tried again. */
		MAY_HAVE_RUN,

		/** Trying again would fail the same way. */
		NEVER

	}

	/** The exception to throw; checked only when the method declares it. */
	Throwable toException();

	Retry retry();

	String message();

	/**
	 * The server answered with a JSON-RPC error object. A service exception of a type the method
	 * may rethrow is rethrown as that type, with an {@link RpcRemoteException} as its cause;
	 * anything else is an {@link RpcRemoteException}. "Busy or shutting down" from a jrpc server
	 * (native frames) means the call did not run; other servers may use that code for anything.
	 *
	 * @param fromJrpc whether the answer came on a native connection, from a jrpc server
	 */
	record Remote(ClientMethod method, ServerAddress server, int code, String message, @Nullable String remoteType,
			boolean fromJrpc) implements CallFailure {

		@Override
		public Throwable toException() {
			String text = (this.remoteType != null)
					? "%s failed on %s: %s: %s".formatted(this.method.displayName(), this.server, this.remoteType,
							this.message)
					: "%s failed on %s with error %d: %s".formatted(this.method.displayName(), this.server, this.code,
							this.message);
			RpcRemoteException remote = new RpcRemoteException(text, this.code, this.remoteType, this.message);
			// Whatever the code: other servers (jsonrpc4j uses -32001) name the exception type in data too.
			Throwable rethrown = this.method.exceptionTypes().create(this.remoteType, this.message);
			if (rethrown != null) {
				rethrown.initCause(remote);
				return rethrown;
			}
			return remote;
		}

		@Override
		public Retry retry() {
			return (this.fromJrpc && this.code == RpcErrorCodes.SERVER_BUSY && this.remoteType == null) ? Retry.NOT_RUN
					: Retry.NEVER;
		}

	}

	/**
	 * The connection could not be used, or was lost before the answer came.
	 * @param notRun whether the request provably never reached the server
	 * @param goingAway whether the server sent the connection away: a new connection to the same
	 * server may take the call
	 */
	record Connection(String message, @Nullable Throwable cause, boolean notRun, boolean goingAway)
			implements CallFailure {

		Connection(String message, @Nullable Throwable cause, boolean notRun) {
			this(message, cause, notRun, false);
		}

		@Override
		public RpcException toException() {
			return new RpcConnectionException(this.message, this.cause);
		}

		@Override
		public Retry retry() {
			return this.notRun ? Retry.NOT_RUN : Retry.MAY_HAVE_RUN;
		}

	}

	/**
	 * No answer came within the call's timeout.
	 * @param notRun whether the request was never sent: the time ran out while it waited for a
	 * connection or a place on it
	 */
	record Timeout(String message, boolean notRun) implements CallFailure {

		Timeout(String message) {
			this(message, false);
		}

		@Override
		public RpcException toException() {
			return new RpcTimeoutException(this.message);
		}

		@Override
		public Retry retry() {
			return this.notRun ? Retry.NOT_RUN : Retry.MAY_HAVE_RUN;
		}

	}

	/** The request could not be written, or the answer could not be read as the method's result. */
	record Protocol(String message, @Nullable Throwable cause) implements CallFailure {

		@Override
		public RpcException toException() {
			return new RpcProtocolException(this.message, this.cause);
		}

		@Override
		public Retry retry() {
			return Retry.NEVER;
		}

	}

}
