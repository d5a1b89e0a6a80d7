package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.netty.bootstrap.Bootstrap;
import tools.jackson.databind.ObjectMapper;

/**
 * One shared {@link ClientConnection} per server address and {@link ConnectionKind},
 * counted by the endpoint sets that use it: when the last set lets go of a server, its connection
 * closes once its calls have ended.
 */
public final class ConnectionPool {

	private record Key(ServerAddress server, ConnectionKind kind) {
	}

	private static final class Entry {

		final ClientConnection connection;

		int users;

		Entry(ClientConnection connection) {
			this.connection = connection;
		}

	}

	private final Map<Key, Entry> connections = new HashMap<>();

	/** Connections no set uses any more, closing once their calls have ended; guarded by this. */
	private final Set<ClientConnection> draining = new HashSet<>();

	private final Bootstrap bootstrap;

	private final ObjectMapper mapper;

	private final ConnectionSettings settings;

	/** Guarded by this. */
	private boolean closed;

	ConnectionPool(Bootstrap bootstrap, ObjectMapper mapper, ConnectionSettings settings) {
		this.bootstrap = bootstrap;
		this.mapper = mapper;
		this.settings = settings;
	}

	/** The connection to {@code server}, counting one more user; give it back with {@link #release}. */
	synchronized ClientConnection acquire(ServerAddress server, ConnectionKind kind) {
		if (this.closed) {
			// A late discovery update of a closed client: a connection that never opens.
			ClientConnection closedConnection = new ClientConnection(server, this.bootstrap, this.mapper, kind,
					this.settings);
			closedConnection.close();
			return closedConnection;
		}
		Entry entry = this.connections.computeIfAbsent(new Key(server, kind),
				(key) -> new Entry(new ClientConnection(server, this.bootstrap, this.mapper, kind, this.settings)));
		entry.users++;
		return entry.connection;
	}

	/** One user less; the last one closes the connection once its calls have ended. */
	synchronized void release(ClientConnection connection, ConnectionKind kind) {
		Key key = new Key(connection.server(), kind);
		Entry entry = this.connections.get(key);
		if (entry != null && entry.connection == connection && --entry.users == 0) {
			this.connections.remove(key);
			this.draining.add(connection);
			connection.closeWhenIdle().whenComplete((ignored, failure) -> drained(connection));
		}
	}

	/** Connections open now and taking calls. */
	public synchronized int openConnections() {
		int open = 0;
		for (Entry entry : this.connections.values()) {
			if (entry.connection.isReady()) {
				open++;
			}
		}
		return open;
	}

	/** Calls sent and not yet ended, over every connection. */
	public synchronized int callsInFlight() {
		int calls = 0;
		for (Entry entry : this.connections.values()) {
			calls += entry.connection.inFlight();
		}
		return calls;
	}

	private synchronized void drained(ClientConnection connection) {
		this.draining.remove(connection);
	}

	/**
	 * Closes every connection, the ones still draining included; calls in flight on them fail with
	 * a connection error. Returns what completes once they have.
	 */
	public synchronized CompletableFuture<?> closeAll() {
		this.closed = true;
		List<CompletableFuture<?>> closings = new ArrayList<>();
		this.connections.values().forEach((entry) -> closings.add(entry.connection.close()));
		this.draining.forEach((connection) -> closings.add(connection.close()));
		this.connections.clear();
		this.draining.clear();
		return CompletableFuture.allOf(closings.toArray(CompletableFuture[]::new));
	}

}
