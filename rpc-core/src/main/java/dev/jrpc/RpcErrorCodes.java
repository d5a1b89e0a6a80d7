package dev.jrpc;

/**
 * The JSON-RPC 2.0 error codes jrpc sends and understands. The first five are defined by the
 * specification; the others lie in the range it reserves for implementations
 * (-32000 to -32099).
 */
public final class RpcErrorCodes {

	/** Invalid JSON was received. */
	public static final int PARSE_ERROR = -32700;

	/** The JSON sent is not a valid request object. */
	public static final int INVALID_REQUEST = -32600;

	/** The service or method does not exist or is not exported. */
	public static final int METHOD_NOT_FOUND = -32601;

	/** Wrong number or types of parameters. */
	public static final int INVALID_PARAMS = -32602;

	/** The server failed for a reason of its own, for example a result it could not write. */
	public static final int INTERNAL_ERROR = -32603;

	/** The service method threw; {@code data} names the exception type and message. */
	public static final int APPLICATION_ERROR = -32000;

	/** The server has no free worker for the call, or is shutting down; the call did not run. */
	public static final int SERVER_BUSY = -32001;

	/** The caller's deadline had passed before the call could start; it did not run. */
	public static final int DEADLINE_EXCEEDED = -32002;

	/**
	 * The call carried no valid credentials where the server requires them, or carried credentials
	 * the server could not verify; it did not run.
	 */
	public static final int UNAUTHENTICATED = -32003;

	/** The caller is authenticated but not allowed to make this call; the service method did not run. */
	public static final int PERMISSION_DENIED = -32004;

	private RpcErrorCodes() {
	}

}
