package dev.jrpc.internal.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jrpc.RpcServer;
import dev.jrpc.internal.openrpc.Discovery;
import dev.jrpc.internal.openrpc.OpenRpcDocument;
import dev.jrpc.internal.protocol.JsonRpc;
import dev.jrpc.internal.protocol.RemoteInterface;
import dev.jrpc.internal.protocol.RemoteMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every exported method by wire name and number of parameters, built once at startup and
 * read-only afterwards. Nothing that is not declared on an exported interface is in it.
 */
public final class MethodTable {

	/** How a service exported with plain method names appears in {@link #services()}. */
	static final String PLAIN = "(plain names) ";

	private final Map<String, ServerMethod[]> byName;

	private final Set<String> services;

	private final List<ServiceName> registrable;

	private final List<RpcServer.ExportedService> exported;

	/** A service's name and version, as it is announced to a registry. */
	public record ServiceName(String name, String version) {
	}

	private MethodTable(Map<String, ServerMethod[]> byName, Set<String> services, List<ServiceName> registrable,
			List<RpcServer.ExportedService> exported) {
		this.byName = byName;
		this.services = services;
		this.registrable = registrable;
		this.exported = exported;
	}

	/** The services a registry can announce: every one but those exported with plain names. */
	public List<ServiceName> registrableServices() {
		return this.registrable;
	}

	/** The overloads answering to {@code wireName}, indexed by parameter count; null when none. */
	@Nullable ServerMethod[] overloads(String wireName) {
		return this.byName.get(wireName);
	}

	/** Whether a service with this name (and version) is exported. */
	boolean hasService(String service) {
		return this.services.contains(service);
	}

	/** Whether a service is exported with plain names, which have no service part. */
	boolean hasPlainNames() {
		return this.services.stream().anyMatch((service) -> service.startsWith(PLAIN));
	}

	/** Every exported service with its methods, in the order they were added. */
	public List<RpcServer.ExportedService> exported() {
		return this.exported;
	}

	/** The exported services' names, for the startup log. */
	public Set<String> services() {
		return this.services;
	}

	/** Builds a {@link MethodTable}. */
	public static final class Builder {

		private final ObjectMapper mapper;

		private final Map<String, List<ServerMethod>> byName = new HashMap<>();

		private final Set<String> services = new LinkedHashSet<>();

		private final List<ServiceName> registrable = new ArrayList<>();

		private final List<RpcServer.ExportedService> exported = new ArrayList<>();

		/** Every exported method, in order, for the OpenRPC document. */
		private final List<RemoteMethod> described = new ArrayList<>();

		private @Nullable String discoveryTitle;

		private String discoveryVersion = "";

		public Builder(ObjectMapper mapper) {
			this.mapper = mapper;
		}

		/**
		 * Answers {@code rpc.discover} with the OpenRPC document of the exported methods, its
		 * {@code info} being {@code title} and {@code version}; without this call,
		 * {@code rpc.discover} is an unknown method.
		 */
		public Builder discoverable(String title, String version) {
			this.discoveryTitle = title;
			this.discoveryVersion = version;
			return this;
		}

		/**
		 * Adds the methods of {@code type} implemented by {@code target}.
		 * @throws IllegalArgumentException when a method cannot be served or the service is
		 * exported twice
		 */
		public Builder add(Class<?> type, Object target, String service, String version) {
			if (!type.isInstance(target)) {
				throw new IllegalArgumentException(
						target.getClass().getName() + " does not implement " + type.getName() + ", which it exports");
			}
			if (service.startsWith(JsonRpc.RESERVED_PREFIX)) {
				throw new IllegalArgumentException("Service name '" + service + "' of " + type.getName()
						+ " starts with '" + JsonRpc.RESERVED_PREFIX + "', which JSON-RPC 2.0 reserves for extensions;"
						+ " choose another name");
			}
			String key = version.isEmpty() ? service : service + ':' + version;
			if (!service.isEmpty() && !this.services.add(key)) {
				throw new IllegalArgumentException("Service '" + key + "' is exported twice; the second is "
						+ target.getClass().getName() + ". Give one of them another name or version");
			}
			if (service.isEmpty()) {
				this.services.add(PLAIN + type.getName());
			}
			else {
				this.registrable.add(new ServiceName(service, version));
			}
			List<RpcServer.ExportedMethod> exportedMethods = new ArrayList<>();
			for (RemoteMethod remote : RemoteInterface.parse(type, service, version, this.mapper)) {
				if (remote.wireName().startsWith(JsonRpc.RESERVED_PREFIX)) {
					throw new IllegalArgumentException("Method " + remote.displayName() + " answers to '"
							+ remote.wireName() + "', a name JSON-RPC 2.0 reserves for extensions; rename it with @RpcMethod");
				}
				List<ServerMethod> overloads = this.byName.computeIfAbsent(remote.wireName(), (name) -> new ArrayList<>());
				for (ServerMethod existing : overloads) {
					if (existing.parameterCount() == remote.parameterCount()) {
						throw new IllegalArgumentException("Methods " + existing.displayName() + " and "
								+ remote.displayName() + " both answer to '" + remote.wireName() + "' with "
								+ remote.parameterCount() + " parameters; rename one with @RpcMethod");
					}
				}
				overloads.add(new ServerMethod(remote, target, service, version, this.mapper));
				this.described.add(remote);
				exportedMethods.add(new RpcServer.ExportedMethod(remote.wireName(), remote.method()));
			}
			this.exported.add(new RpcServer.ExportedService(service, version, type, exportedMethods));
			return this;
		}

		public MethodTable build() {
			if (this.discoveryTitle != null) {
				JsonNode document = OpenRpcDocument.of(this.described, this.mapper, this.discoveryTitle,
						this.discoveryVersion);
				Discovery discovery = () -> document;
				for (RemoteMethod remote : RemoteInterface.parse(Discovery.class, "", "", this.mapper)) {
					this.byName.put(remote.wireName(), List.of(new ServerMethod(remote, discovery, "", "", this.mapper)));
				}
			}
			Map<String, ServerMethod[]> table = new HashMap<>();
			this.byName.forEach((name, methods) -> {
				int max = methods.stream().mapToInt(ServerMethod::parameterCount).max().orElse(0);
				ServerMethod[] byCount = new ServerMethod[max + 1];
				methods.forEach((method) -> byCount[method.parameterCount()] = method);
				table.put(name, byCount);
			});
			return new MethodTable(Map.copyOf(table), Collections.unmodifiableSet(new LinkedHashSet<>(this.services)),
					List.copyOf(this.registrable), List.copyOf(this.exported));
		}

	}

}
