package dev.jrpc.internal.client;

import java.time.Duration;

import dev.jrpc.LoadBalancing;
import dev.jrpc.internal.protocol.Framing;
import org.jspecify.annotations.Nullable;

/**
 * How one proxy reaches its service.
 *
 * @param service the service name
 * @param version the service version, may be empty
 * @param address {@code host:port[,host:port...]}, {@code scheme:///name}, or null to find the
 * service in the client's registry
 * @param timeout how long each call waits for its answer
 * @param plainNames whether the server's methods answer to their plain names, with no service
 * prefix
 * @param framing how messages are delimited on the connection
 * @param maxInFlight most calls in flight at once per connection, 0 for no limit
 * @param loadBalancing how calls are spread over the endpoints
 * @param maxAttempts attempts in all for a call of an idempotent method that may have run
 * @param tls how to speak TLS to the servers, or null for plaintext
 */
public record ProxySettings(String service, String version, @Nullable String address, Duration timeout,
		boolean plainNames, Framing framing, int maxInFlight, LoadBalancing loadBalancing, int maxAttempts,
		@Nullable ClientTls tls) {
}
