package dev.jrpc.internal.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jrpc.internal.protocol.Framing;
import io.netty.bootstrap.Bootstrap;
import tools.jackson.databind.ObjectMapper;

/** One shared {@link ClientConnection} per server address, framing and limit of calls in flight. */
public final class ConnectionPool {

	private record Key(ServerAddress server, Framing framing, int maxInFlight) {
	}

	private final Map<Key, ClientConnection> connections = new ConcurrentHashMap<>();

	private final Bootstrap bootstrap;

	private final ObjectMapper mapper;

	private final int maxFrameSize;

	public ConnectionPool(Bootstrap bootstrap, ObjectMapper mapper, int maxFrameSize) {
		this.bootstrap = bootstrap;
		this.mapper = mapper;
		this.maxFrameSize = maxFrameSize;
	}

	/** The connection to {@code server} with that framing and limit of calls in flight (0: none). */
	ClientConnection get(ServerAddress server, Framing framing, int maxInFlight) {
		return this.connections.computeIfAbsent(new Key(server, framing, maxInFlight), (key) -> new ClientConnection(
				server, this.bootstrap, this.mapper, framing, this.maxFrameSize, maxInFlight));
	}

	/** Closes every open connection; calls in flight on them fail with a connection error. */
	public void closeAll() {
		this.connections.values().forEach(ClientConnection::close);
		this.connections.clear();
	}

}
