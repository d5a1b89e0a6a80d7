package dev.jrpc.observation;

import dev.jrpc.RpcMetadata;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * What a server observation knows of a call: the method called ({@code <service>/<method>}, or
 * {@code unknown}), the request's metadata, from which the caller's trace context continues, the
 * address the server took it on, and once answered, the answer's status.
 */
public final class RpcServerObservationContext extends RequestReplyReceiverContext<RpcMetadata, Object> {

	/** The method of a request naming no method the server exports: one value for all such names. */
	public static final String UNKNOWN_METHOD = "unknown";

	private final String method;

	private final String serverAddress;

	private final int serverPort;

	private int statusCode;

	private @Nullable String errorType;

	public RpcServerObservationContext(String method, RpcMetadata metadata, String serverAddress, int serverPort) {
		super((carrier, key) -> carrier.getString(key));
		this.method = method;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
		setCarrier(metadata);
	}

	/** {@code <service>/<method>}, or {@code unknown} for a request naming no exported method. */
	public String getMethod() {
		return this.method;
	}

	public String getServerAddress() {
		return this.serverAddress;
	}

	public int getServerPort() {
		return this.serverPort;
	}

	/** The JSON-RPC error code answered, or 0 for a result. */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Sets how the call ended.
	 * @param errorType the class name of the exception the service threw, if it threw
	 */
	public void setOutcome(int statusCode, @Nullable String errorType) {
		this.statusCode = statusCode;
		this.errorType = errorType;
	}

	/** The class name of the exception the service threw, or null. */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

}
