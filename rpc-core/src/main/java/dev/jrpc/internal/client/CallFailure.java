package dev.jrpc.internal.client;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcException;
import dev.jrpc.RpcProtocolException;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.RpcTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Why a call failed, as learned on the event loop. The exception itself is made by
 * {@link #toException()} on the calling thread, so that its stack trace shows the caller.
 */
sealed interface CallFailure {

	/** The exception to throw; checked only when the method declares it. */
	Throwable toException();

	/**
	 * The server answered with a JSON-RPC error object. A service exception of a type the method
	 * may rethrow is rethrown as that type, with an {@link RpcRemoteException} as its cause;
	 * anything else is an {@link RpcRemoteException}.
	 */
	record Remote(ClientMethod method, ServerAddress server, int code, String message, @Nullable String remoteType)
			implements CallFailure {

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

	}

	/** The connection could not be used, or was lost before the answer came. */
	record Connection(String message, @Nullable Throwable cause) implements CallFailure {

		@Override
		public RpcException toException() {
			return new RpcConnectionException(this.message, this.cause);
		}

	}

	/** No answer came within the call's timeout. */
	record Timeout(String message) implements CallFailure {

		@Override
		public RpcException toException() {
			return new RpcTimeoutException(this.message);
		}

	}

	/** The answer could not be read as the method's result. */
	record Protocol(String message, @Nullable Throwable cause) implements CallFailure {

		@Override
		public RpcException toException() {
			return new RpcProtocolException(this.message, this.cause);
		}

	}

}
