package dev.jrpc;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be written or read as JSON-RPC 2.0: a request larger than the frame limit
 * (nothing was sent), arguments that cannot be written as JSON, or an answer that is not a valid
 * response or does not fit the method's return type.
 */
public class RpcProtocolException extends RpcException {

	public RpcProtocolException(String message) {
		super(message);
	}

	public RpcProtocolException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
