package dev.jrpc.internal.client;

import java.time.Duration;

import dev.jrpc.internal.protocol.Framing;

/**
 * How one proxy reaches its service.
 *
 * @param service the service name
 * @param version the service version, may be empty
 * @param addresses {@code host:port}, or a comma-separated list of them
 * @param timeout how long each call waits for its answer
 * @param plainNames whether the server's methods answer to their plain names, with no service
 * prefix
 * @param framing how messages are delimited on the connection
 * @param maxInFlight most calls in flight at once per connection, 0 for no limit
 */
public record ProxySettings(String service, String version, String addresses, Duration timeout, boolean plainNames,
		Framing framing, int maxInFlight) {
}
