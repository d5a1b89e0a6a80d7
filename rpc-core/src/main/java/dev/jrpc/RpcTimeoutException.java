package dev.jrpc;

/**
 * A call got no answer within its timeout. The call may or may not have run on the server.
 */
public class RpcTimeoutException extends RpcException {

	public RpcTimeoutException(String message) {
		super(message);
	}

}
