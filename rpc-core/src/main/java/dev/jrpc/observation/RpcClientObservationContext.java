package dev.jrpc.observation;

import dev.jrpc.RpcClientCall;
import dev.jrpc.RpcMetadata;
import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What a client observation knows of a call: the call itself, whose metadata carries the trace
 * context to the server, and once it ended, the server it called, the endpoint of its last attempt
 * and the answer's status.
 */
public final class RpcClientObservationContext extends RequestReplySenderContext<RpcMetadata, Object> {

	private final RpcClientCall call;

	private @Nullable String serverAddress;

	private int serverPort = -1;

	private @Nullable String peerAddress;

	private int peerPort = -1;

	private int statusCode;

	public RpcClientObservationContext(RpcClientCall call) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.call = call;
		setCarrier(call.metadata());
	}

	public RpcClientCall getCall() {
		return this.call;
	}

	/**
	 * The server called, as the proxy names it: the service name for the registry, the name of a
	 * {@code scheme:///name} address, or the endpoint of the last attempt for a {@code host:port}
	 * list; null when none is known (no attempt to a listed endpoint was made).
	 */
	public @Nullable String getServerAddress() {
		return this.serverAddress;
	}

	/** The port of the server called, or -1 when it is not known (a registry or a discovery name). */
	public int getServerPort() {
		return this.serverPort;
	}

	public void setServer(@Nullable String address, int port) {
		this.serverAddress = address;
		this.serverPort = port;
	}

	/** The host of the endpoint of the last attempt, or null when no attempt was made. */
	public @Nullable String getPeerAddress() {
		return this.peerAddress;
	}

	/** The port of the endpoint of the last attempt, or -1. */
	public int getPeerPort() {
		return this.peerPort;
	}

	public void setPeer(@Nullable String address, int port) {
		this.peerAddress = address;
		this.peerPort = port;
		setRemoteServiceAddress((address != null) ? address + ":" + port : null);
	}

	/** The JSON-RPC error code the server answered with, or 0 for a result or a failure without answer. */
	public int getStatusCode() {
		return this.statusCode;
	}

	public void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

}
