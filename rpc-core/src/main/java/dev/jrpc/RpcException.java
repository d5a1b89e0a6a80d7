package dev.jrpc;

import org.jspecify.annotations.Nullable;

/**
 * The unchecked base of every failure jrpc raises on the calling side: timeouts
 * ({@link RpcTimeoutException}), connection loss ({@link RpcConnectionException}), errors
 * answered by the remote side ({@link RpcRemoteException}) and broken or oversized messages
 * ({@link RpcProtocolException}).
 */
public class RpcException extends RuntimeException {

	public RpcException(String message) {
		super(message);
	}

	public RpcException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
