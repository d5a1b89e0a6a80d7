package dev.jrpc.internal.client;

import dev.jrpc.internal.protocol.Framing;
import org.jspecify.annotations.Nullable;

/**
 * What makes two connections to one address different: proxies whose kinds are equal share a
 * connection.
 *
 * @param framing how messages are framed
 * @param maxInFlight most calls in flight on the connection; 0 for no limit
 * @param tls how to speak TLS, or null for plaintext
 */
record ConnectionKind(Framing framing, int maxInFlight, @Nullable ClientTls tls) {
}
