package dev.jrpc;

import org.jspecify.annotations.Nullable;

/**
 * The connection to the server could not be opened, or was lost before the answer came. When
 * the connection is lost after the request was written, the call may or may not have run on the
 * server.
 */
public class RpcConnectionException extends RpcException {

	public RpcConnectionException(String message) {
		super(message);
	}

	public RpcConnectionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
