package dev.jrpc.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * A source of the endpoints of services: a registry, a DNS name, a fixed list. A client
 * subscribes once per service it calls and balances its calls over the latest set it was given.
 */
@FunctionalInterface
public interface EndpointDiscovery {

	/**
	 * Starts watching the endpoints of a service. {@code listener} gets the whole current set each
	 * time it changes, the first as soon as it is known (possibly before this method returns); it
	 * may be called on any thread and must not be called for two updates at once. An empty set
	 * means the source knows no endpoint; the client keeps calling the ones it has while they
	 * answer.
	 * @param name the service name, or what follows {@code scheme:///} in an address
	 * @param version the service version the caller wants, may be empty
	 */
	Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener);

	/** A watch that ends when closed. */
	@FunctionalInterface
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
