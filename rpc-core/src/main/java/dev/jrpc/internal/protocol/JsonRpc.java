package dev.jrpc.internal.protocol;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Member names of JSON-RPC 2.0 messages and of jrpc's one extension, pre-encoded for generators.
 */
public final class JsonRpc {

	public static final String VERSION = "2.0";

	public static final String JSONRPC = "jsonrpc";

	public static final String ID = "id";

	public static final String METHOD = "method";

	public static final String PARAMS = "params";

	public static final String RESULT = "result";

	public static final String ERROR = "error";

	public static final String CODE = "code";

	public static final String MESSAGE = "message";

	public static final String DATA = "data";

	/**
	 * jrpc's extension member of a request: the milliseconds the caller will still wait for the
	 * answer. Peers that do not send it lose nothing; peers that do not know it ignore it.
	 */
	public static final String TIMEOUT = "timeout";

	/**
	 * jrpc's extension member of a request: an object of metadata, string names with JSON values,
	 * written by client interceptors and read by server interceptors.
	 */
	public static final String META = "meta";

	/** A request the server answers at once, on its I/O thread: the client's keepalive. */
	public static final String PING = "rpc.ping";

	/** The result of {@link #PING}. */
	public static final String PONG = "pong";

	/**
	 * A notification from server to client: the server takes no more calls on this connection;
	 * {@code params.lastId} is the highest request id it accepted, and any higher one did not run.
	 */
	public static final String GOAWAY = "rpc.goaway";

	/** Member of the params of {@link #GOAWAY}. */
	public static final String LAST_ID = "lastId";

	/** The prefix JSON-RPC 2.0 reserves for extensions; no service may use it. */
	public static final String RESERVED_PREFIX = "rpc.";

	/** Member of an application error's {@code data}: the remote exception's type. */
	public static final String EXCEPTION_TYPE_NAME = "exceptionTypeName";

	public static final SerializableString JSONRPC_NAME = new SerializedString(JSONRPC);

	public static final SerializableString VERSION_VALUE = new SerializedString(VERSION);

	public static final SerializableString ID_NAME = new SerializedString(ID);

	public static final SerializableString METHOD_NAME = new SerializedString(METHOD);

	public static final SerializableString PARAMS_NAME = new SerializedString(PARAMS);

	public static final SerializableString RESULT_NAME = new SerializedString(RESULT);

	public static final SerializableString ERROR_NAME = new SerializedString(ERROR);

	public static final SerializableString TIMEOUT_NAME = new SerializedString(TIMEOUT);

	public static final SerializableString META_NAME = new SerializedString(META);

	private JsonRpc() {
	}

	/**
	 * The wire name of a method: {@code <service>.<method>}, where the service part is
	 * {@code <name>:<version>} when a version is given; just {@code <method>} for a service with
	 * plain names, whose service name is empty.
	 */
	public static String methodName(String service, String version, String method) {
		if (service.isEmpty()) {
			return method;
		}
		return version.isEmpty() ? service + '.' + method : service + ':' + version + '.' + method;
	}

}
