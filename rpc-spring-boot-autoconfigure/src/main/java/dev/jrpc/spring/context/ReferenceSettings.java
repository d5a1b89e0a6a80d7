package dev.jrpc.spring.context;

import java.time.Duration;

import dev.jrpc.LoadBalancing;
import dev.jrpc.RpcFraming;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code @RpcReference} resolves to, after placeholders and properties: references with
 * equal settings share one proxy.
 *
 * @param type the interface
 * @param name the service name
 * @param version the service version, may be empty
 * @param address {@code host:port} or a comma-separated list, {@code scheme:///name}, or null to find
 * the service in the registry
 * @param timeout how long each call waits for its answer
 * @param plainNames whether the server's methods answer to their plain names
 * @param framing how messages are delimited on the connection
 * @param maxInFlight most calls in flight at once per connection, 0 for no limit
 * @param loadBalancing how calls are spread over the endpoints
 * @param maxAttempts attempts in all of an idempotent call that may have run
 */
public record ReferenceSettings(Class<?> type, String name, String version, @Nullable String address,
		Duration timeout, boolean plainNames, RpcFraming framing, int maxInFlight, LoadBalancing loadBalancing,
		int maxAttempts) {
}
