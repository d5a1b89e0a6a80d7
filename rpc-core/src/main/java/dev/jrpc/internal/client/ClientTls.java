package dev.jrpc.internal.client;

import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * How a client speaks TLS to its servers.
 *
 * @param context gives the context for each new connection, so that a reloaded certificate or
 * trust store serves the next connection; connections share one only when they share this supplier
 * @param serverName the host name the servers' certificates must match, and that is sent as SNI,
 * or null for each endpoint's own host; set it when endpoints are IP addresses
 */
public record ClientTls(Supplier<SslContext> context, @Nullable String serverName) {
}
