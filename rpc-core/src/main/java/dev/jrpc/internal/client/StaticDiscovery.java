package dev.jrpc.internal.client;

import java.util.List;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;

/** A fixed {@code host:port[,host:port...]} list: one set, given once, that never changes. */
final class StaticDiscovery implements EndpointDiscovery {

	private final List<Endpoint> endpoints;

	/** @throws IllegalArgumentException naming an entry that is not {@code host:port} */
	StaticDiscovery(String addresses) {
		this.endpoints = ServerAddress.parseList(addresses)
			.stream()
			.map((address) -> Endpoint.of(address.host(), address.port()))
			.toList();
	}

	@Override
	public Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener) {
		listener.accept(this.endpoints);
		return () -> {
		};
	}

}
