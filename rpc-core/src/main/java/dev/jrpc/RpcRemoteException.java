package dev.jrpc;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with a JSON-RPC error object: the service threw (code
 * {@link RpcErrorCodes#APPLICATION_ERROR}), the server was busy, or it refused the request.
 * The remote exception's type is carried as a name only; no class named by the wire is ever
 * loaded.
 */
public class RpcRemoteException extends RpcException {

	private final int code;

	private final @Nullable String remoteType;

	private final String remoteMessage;

	public RpcRemoteException(String message, int code, @Nullable String remoteType, String remoteMessage) {
		super(message);
		this.code = code;
		this.remoteType = remoteType;
		this.remoteMessage = remoteMessage;
	}

	/** The JSON-RPC error code; see {@link RpcErrorCodes}. */
	public int code() {
		return this.code;
	}

	/** The fully-qualified name of the exception the service threw, when the server sent one. */
	public @Nullable String remoteType() {
		return this.remoteType;
	}

	/** The error message as the server sent it. */
	public String remoteMessage() {
		return this.remoteMessage;
	}

}
