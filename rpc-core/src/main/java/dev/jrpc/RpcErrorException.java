package dev.jrpc;

/**
 * Thrown on the server, by a {@link RpcServerInterceptor} or a service method, to answer the call
 * with this JSON-RPC error code and message instead of an application error. The caller receives
 * an {@link RpcRemoteException} with the same code and message. Codes from -32768 to -32000 are
 * reserved by JSON-RPC and jrpc ({@link RpcErrorCodes}); an application should use others. Above
 * all, answer {@link RpcErrorCodes#SERVER_BUSY} only before the service has run: jrpc clients take
 * it to mean that the call did not run, and send it to another server.
 */
public class RpcErrorException extends RuntimeException {

	private final int code;

	public RpcErrorException(int code, String message) {
		super(message);
		this.code = code;
	}

	/** The JSON-RPC error code to answer with. */
	public int code() {
		return this.code;
	}

}
