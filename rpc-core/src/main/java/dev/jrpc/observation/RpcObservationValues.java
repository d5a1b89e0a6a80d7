package dev.jrpc.observation;

import org.jspecify.annotations.Nullable;

/** Tag values both default conventions use. */
final class RpcObservationValues {

	/** The value of {@code rpc.system.name}. */
	static final String SYSTEM = "jsonrpc";

	/** The value of a key nothing is known for. */
	static final String UNKNOWN = "unknown";

	private RpcObservationValues() {
	}

	/** {@code <service>/<method>}, or the method's name alone for a service called with plain names. */
	static String method(String service, String method) {
		return service.isEmpty() ? method : service + "/" + method;
	}

	/** Whether {@code code} lies in the range JSON-RPC 2.0 reserves, -32768 to -32000: a bounded set. */
	static boolean isReserved(int code) {
		return code >= -32768 && code <= -32000;
	}

	/** The exception's class name; else the error code, when there is one; else {@code none}. */
	static String errorType(@Nullable Throwable error, int statusCode) {
		if (error != null) {
			return error.getClass().getName();
		}
		return (statusCode != 0) ? Integer.toString(statusCode) : "none";
	}

}
