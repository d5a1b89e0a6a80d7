package dev.jrpc.internal.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.jrpc.internal.transport.PipelineStep;
import io.netty.channel.local.LocalAddress;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of a client shares.
 *
 * @param maxFrameSize largest request or response, in bytes
 * @param keepaliveInterval how long nothing may be read before the server is pinged; zero for no
 * pings
 * @param keepaliveTimeout how long a ping waits for its answer before the connection is closed
 * @param firstSteps pipeline steps before framing, such as TLS
 * @param backoff how long an endpoint rests after its connection failed
 * @param ticker the clock of backoff and ejections
 * @param executor where work that must not run on an event loop runs: writing a call once its
 * connection opened or a place freed, reconnecting (resolving a host name may block)
 * @param inProcessName the server of this JVM every connection goes to, or null to connect to
 * each endpoint's address
 */
record ConnectionSettings(int maxFrameSize, Duration keepaliveInterval, Duration keepaliveTimeout,
		List<PipelineStep> firstSteps, ConnectionBackoff backoff, Ticker ticker, Executor executor,
		@Nullable String inProcessName) {

	/** Where a connection to {@code server} goes. */
	SocketAddress remoteAddress(ServerAddress server) {
		return (this.inProcessName != null) ? new LocalAddress(this.inProcessName)
				: new InetSocketAddress(server.host(), server.port());
	}

}
