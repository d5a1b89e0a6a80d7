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

	/** The exception's class name; else the error code, when there is one; else {@code none}. */
	static String errorType(@Nullable Throwable error, int statusCode) {
		if (error != null) {
			return error.getClass().getName();
		}
		return (statusCode != 0) ? Integer.toString(statusCode) : "none";
	}

}
