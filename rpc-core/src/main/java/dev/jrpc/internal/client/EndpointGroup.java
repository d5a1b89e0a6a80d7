package dev.jrpc.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.protocol.Framing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of endpoints of one proxy's service, as its discovery reports them, each with its
 * shared connection. The call path reads a snapshot and never knows which source fed it. An
 * update that would leave the service without endpoints is not applied while an old endpoint
 * still answers (empty-push protection): a registry that loses its data does not stop the calls.
 */
final class EndpointGroup implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EndpointGroup.class);

	private final String source;

	private final ConnectionPool pool;

	private final Framing framing;

	private final int maxInFlight;

	private final Ticker ticker;

	private volatile List<Member> members = List.of();

	private volatile boolean closed;

	private final EndpointDiscovery.Subscription subscription;

	/**
	 * Subscribes to {@code discovery}; the first set may arrive before this returns.
	 * @param source where the endpoints come from, for messages
	 */
	EndpointGroup(EndpointDiscovery discovery, String name, String version, String source, ConnectionPool pool,
			Framing framing, int maxInFlight, Ticker ticker) {
		this.source = source;
		this.pool = pool;
		this.framing = framing;
		this.maxInFlight = maxInFlight;
		this.ticker = ticker;
		this.subscription = discovery.subscribe(name, version, this::update);
	}

	/** The endpoints now, never null; empty when none is known. */
	List<Member> members() {
		return this.members;
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
		if (endpoints.isEmpty() && !old.isEmpty() && anyAnswers(old)) {
			logger.warn("{} reported no endpoint; calls go on to the {} endpoints known before while they answer",
					this.source, old.size());
			return;
		}
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
				updated.add(new Member(endpoint, this.pool.acquire(address, this.framing, this.maxInFlight)));
			}
		}
		this.members = List.copyOf(updated);
		for (Member gone : kept.values()) {
			this.pool.release(gone.connection(), this.framing, this.maxInFlight);
		}
		if (!old.isEmpty() || !updated.isEmpty()) {
			logger.debug("{} now has {} endpoints", this.source, updated.size());
		}
	}

	private boolean anyAnswers(List<Member> members) {
		long now = this.ticker.nanoTime();
		return members.stream().anyMatch((member) -> !member.connection().isInBackoff(now));
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.subscription.close();
		for (Member member : this.members) {
			this.pool.release(member.connection(), this.framing, this.maxInFlight);
		}
		this.members = List.of();
	}

}
