package dev.jrpc.zookeeper;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;

/** A subscription listener that keeps every list it was given. */
final class EndpointRecorder implements Consumer<List<Endpoint>> {

	final List<List<Endpoint>> updates = new CopyOnWriteArrayList<>();

	final Set<String> threads = ConcurrentHashMap.newKeySet();

	@Override
	public void accept(List<Endpoint> endpoints) {
		this.threads.add(Thread.currentThread().getName());
		this.updates.add(endpoints);
	}

	/** The last list given, or null before the first. */
	List<Endpoint> latest() {
		return this.updates.isEmpty() ? null : this.updates.get(this.updates.size() - 1);
	}

	/** The addresses of the last list given, or null before the first. */
	List<String> addresses() {
		List<Endpoint> latest = latest();
		return (latest != null) ? latest.stream().map(Endpoint::address).toList() : null;
	}

}
