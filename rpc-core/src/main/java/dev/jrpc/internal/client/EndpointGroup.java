package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of endpoints of a service, as its discovery reports them, each with its shared
 * connection. The call path reads a snapshot and never knows which source fed it.
 * <p>
 * An update that would leave the service without endpoints is not applied while an old endpoint
 * may still answer (empty-push protection): a registry that loses its data does not stop the
 * calls. It is applied once none of them can be connected to any more.
 */
final class EndpointGroup implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EndpointGroup.class);

	private final String source;

	private final ConnectionPool pool;

	private final ConnectionKind kind;

	private final Ticker ticker;

	private volatile List<Member> members = List.of();

	/** Completed with the first set discovery gives, which may come after subscribing. */
	private final CompletableFuture<Void> firstSet = new CompletableFuture<>();

	/** Whether discovery reported no endpoint while old ones might still answer; guarded by this. */
	private volatile boolean emptyPending;

	/** Guarded by this. */
	private boolean closed;

	private final EndpointDiscovery.Subscription subscription;

	/**
	 * Subscribes to {@code discovery}; the first set may arrive before this returns, or later.
	 * @param source where the endpoints come from, for messages
	 */
	EndpointGroup(EndpointDiscovery discovery, String name, String version, String source, ConnectionPool pool,
			ConnectionKind kind, Ticker ticker) {
		this.source = source;
		this.pool = pool;
		this.kind = kind;
		this.ticker = ticker;
		this.subscription = discovery.subscribe(name, version, this::update);
	}

	/** The endpoints now, never null; empty when none is known. */
	List<Member> members() {
		if (this.emptyPending) {
			applyPendingEmptySet();
		}
		return this.members;
	}

	/** Completes once discovery has given its first set, empty or not. */
	CompletableFuture<Void> firstSet() {
		return this.firstSet;
	}

	String source() {
		return this.source;
	}

	/** Applies a new set from discovery: new endpoints join, endpoints gone are let go. */
	synchronized void update(List<Endpoint> endpoints) {
		if (this.closed) {
			return;
		}
		List<Member> old = this.members;
		if (endpoints.isEmpty() && anyMayAnswer(old)) {
			if (!this.emptyPending) {
				logger.warn("{} reported no endpoint; calls go on to the {} endpoints known before while they answer",
						this.source, old.size());
			}
			this.emptyPending = true;
			this.firstSet.complete(null);
			return;
		}
		this.emptyPending = false;
		replace(old, endpoints);
		this.firstSet.complete(null);
	}

	private void replace(List<Member> old, List<Endpoint> endpoints) {
		Map<ServerAddress, Member> kept = new HashMap<>();
		for (Member member : old) {
			kept.put(member.connection().server(), member);
		}
		List<Member> updated = new ArrayList<>(endpoints.size());
		for (Endpoint endpoint : endpoints) {
			ServerAddress address = new ServerAddress(endpoint.host(), endpoint.port());
			Member existing = kept.remove(address);
			if (existing != null && existing.endpoint().equals(endpoint)) {
				updated.add(existing);
			}
			else if (existing != null) {
				// Announced anew (another start time, weight...): a restarted server, worth trying at once.
				existing.connection().resetBackoff();
				updated.add(new Member(endpoint, existing.connection()));
			}
			else if (updated.stream().noneMatch((member) -> member.connection().server().equals(address))) {
				updated.add(new Member(endpoint, this.pool.acquire(address, this.kind)));
			}
		}
		this.members = List.copyOf(updated);
		for (Member gone : kept.values()) {
			this.pool.release(gone.connection(), this.kind);
		}
		if (!old.isEmpty() || !updated.isEmpty()) {
			logger.debug("{} now has {} endpoints", this.source, updated.size());
		}
	}

	/** The empty set discovery gave, once no old endpoint may answer any more. */
	private synchronized void applyPendingEmptySet() {
		if (this.emptyPending && !this.closed && !anyMayAnswer(this.members)) {
			logger.warn("{} reported no endpoint and none of those known before can be reached: none is left",
					this.source);
			this.emptyPending = false;
			replace(this.members, List.of());
		}
	}

	/** Whether an endpoint of {@code members} may still answer: one not resting after a failed connection. */
	private boolean anyMayAnswer(List<Member> members) {
		long now = this.ticker.nanoTime();
		for (Member member : members) {
			if (!member.connection().isInBackoff(now)) {
				return true;
			}
		}
		return false;
	}

	/** Ends the subscription (outside the lock: a discovery may hold its own while it updates) and lets go of every endpoint. */
	@Override
	public void close() {
		List<Member> last;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			last = this.members;
			this.members = List.of();
			this.emptyPending = false;
		}
		this.subscription.close();
		// Calls still waiting for a first set stop waiting: there will be none.
		this.firstSet.complete(null);
		for (Member member : last) {
			this.pool.release(member.connection(), this.kind);
		}
	}

}
