package dev.jrpc.internal.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * A server's settings, checked by the public builder.
 *
 * @param bindAddress where to listen
 * @param maxFrameSize largest request or response, in bytes
 * @param maxBatchSize most requests one batch may hold
 * @param ioThreads event loop threads
 * @param workerThreads threads that run service methods
 * @param queueCapacity calls that may wait for a worker; more are refused as busy
 * @param shutdownGracePeriod how long a stop waits for calls in flight
 * @param maxConnectionAge age after which a connection is sent away (± 10 %); zero for never
 * @param firstByteTimeout how long a new connection may take to begin its first message; zero disables it
 * @param messageReadTimeout how long a message may take to arrive whole, once begun; zero disables it
 * @param idleTimeout how long a connection with no call in flight may go without traffic; zero disables it
 * @param maxInboundBuffer most bytes all connections may hold of messages not yet read whole
 * @param tls gives the TLS context of each new connection, or null for plaintext
 * @param tlsHandshakeTimeout how long a TLS handshake may take
 * @param inProcessName the name it also listens on in this JVM (Netty's local transport), or null
 * @param callThreads where each call gets a thread of its own (virtual threads), bounded by
 * {@code workerThreads}; null for the pool of worker threads
 */
public record ServerSettings(InetSocketAddress bindAddress, int maxFrameSize, int maxBatchSize, int ioThreads,
		int workerThreads, int queueCapacity, Duration shutdownGracePeriod, Duration maxConnectionAge,
		Duration firstByteTimeout, Duration messageReadTimeout, Duration idleTimeout, long maxInboundBuffer,
		@Nullable Supplier<SslContext> tls, Duration tlsHandshakeTimeout, @Nullable String inProcessName,
		@Nullable ThreadFactory callThreads) {
}
