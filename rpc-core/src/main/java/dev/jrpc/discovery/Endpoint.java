package dev.jrpc.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * One server of a service: where to connect, its relative weight for balancing, and what its
 * registry says of it.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port the port, 1 to 65535
 * @param weight the share of calls it gets relative to the others, positive;
 * {@value #DEFAULT_WEIGHT} by default
 * @param metadata what the registry holds about it, such as its version or start time
 */
public record Endpoint(String host, int port, int weight, Map<String, String> metadata) {

	/** The weight of an endpoint that says nothing else. */
	public static final int DEFAULT_WEIGHT = 100;

	public Endpoint {
		Objects.requireNonNull(host, "host");
		if (host.isBlank()) {
			throw new IllegalArgumentException("An endpoint's host must not be blank");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Port " + port + " of " + host + " is outside 1 to 65535");
		}
		if (weight < 1) {
			throw new IllegalArgumentException("The weight of " + host + ':' + port + " must be positive, was " + weight);
		}
		metadata = Map.copyOf(metadata);
	}

	/** An endpoint of the default weight, with no metadata. */
	public static Endpoint of(String host, int port) {
		return new Endpoint(host, port, DEFAULT_WEIGHT, Map.of());
	}

	/** {@code host:port}, with an IPv6 host in brackets. */
	public String address() {
		return (this.host.indexOf(':') >= 0) ? '[' + this.host + "]:" + this.port : this.host + ':' + this.port;
	}

	@Override
	public String toString() {
		return address();
	}

}
