package dev.jrpc.spring.autoconfigure.actuate;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.discovery.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code rpc} health component and the {@code rpc} endpoint show, as plain records that
 * any JSON mapper writes: addresses as {@code host:port}, types and states by name. Nothing a
 * caller sent, and no credential, is in them.
 */
public final class RpcDescriptions {

	private RpcDescriptions() {
	}

	/**
	 * An interface the client calls.
	 * @param status {@code UP} when a call has an endpoint to go to, {@code DOWN} otherwise
	 * @param target the address it was given, or {@code registry}
	 */
	public record ReferenceDescription(String interfaceName, String service, String version, String target,
			String status, List<EndpointDescription> endpoints) {
	}

	/**
	 * An endpoint of a reference.
	 * @param state {@code CONNECTED}, {@code IDLE}, {@code UNREACHABLE} or {@code EJECTED}
	 * @param lastFailure why its last connection attempt failed, or null
	 */
	public record EndpointDescription(String address, String state, @Nullable String lastFailure) {
	}

	/** An exported service and its methods. */
	public record ServiceDescription(String name, String version, String interfaceName,
			List<MethodDescription> methods) {
	}

	/**
	 * An exported method.
	 * @param method its Java name and parameter types, as {@code greet(String)}
	 * @param wireName the JSON-RPC method name it answers to
	 */
	public record MethodDescription(String method, String wireName) {
	}

	static List<ReferenceDescription> references(RpcClient client) {
		return client.references().stream().map(RpcDescriptions::reference).toList();
	}

	static ReferenceDescription reference(RpcClient.Reference reference) {
		List<EndpointDescription> endpoints = reference.endpoints()
			.stream()
			.map((endpoint) -> new EndpointDescription(address(endpoint.host(), endpoint.port()),
					endpoint.state().name(), endpoint.lastFailure()))
			.toList();
		return new ReferenceDescription(reference.type().getName(), reference.service(), reference.version(),
				reference.target(), reference.isAvailable() ? "UP" : "DOWN", endpoints);
	}

	static List<ServiceDescription> services(RpcServer server) {
		return server.exportedServices()
			.stream()
			.map((service) -> new ServiceDescription(service.name(), service.version(), service.type().getName(),
					service.methods()
						.stream()
						.map((method) -> new MethodDescription(signature(method.method()), method.wireName()))
						.toList()))
			.toList();
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	/** {@code host:port}, an IPv6 host in brackets, as an {@link Endpoint} writes itself. */
	static String address(String host, int port) {
		return Endpoint.of(host, port).address();
	}

}
