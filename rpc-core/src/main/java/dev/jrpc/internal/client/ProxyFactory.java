package dev.jrpc.internal.client;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RemoteInterface;
import dev.jrpc.internal.protocol.RemoteMethod;
import tools.jackson.databind.ObjectMapper;

/** Builds proxies: parses the interface once, then binds it to its servers. */
public final class ProxyFactory {

	private final ConnectionPool connections;

	private final ObjectMapper mapper;

	private final int maxFrameSize;

	private final Executor callbackExecutor;

	public ProxyFactory(ConnectionPool connections, ObjectMapper mapper, int maxFrameSize, Executor callbackExecutor) {
		this.connections = connections;
		this.mapper = mapper;
		this.maxFrameSize = maxFrameSize;
		this.callbackExecutor = callbackExecutor;
	}

	/**
	 * A proxy of {@code type} with {@code settings}.
	 * @throws IllegalArgumentException when a method cannot be called remotely or an address is
	 * malformed
	 */
	public <T> T create(Class<T> type, ProxySettings settings) {
		List<ServerAddress> servers = ServerAddress.parseList(settings.addresses());
		String service = settings.plainNames() ? "" : settings.service();
		Map<Method, ClientMethod> methods = new HashMap<>();
		for (RemoteMethod remote : RemoteInterface.parse(type, service, settings.version(), this.mapper)) {
			if (!remote.method().isDefault()) {
				methods.put(remote.method(), new ClientMethod(remote, this.mapper));
			}
		}
		Framing framing = settings.framing();
		List<ClientConnection> targets = servers.stream()
			.map((server) -> this.connections.get(server, framing, settings.maxInFlight()))
			.toList();
		RemoteCaller caller = new RemoteCaller(targets, new MessageWriter(this.mapper, framing, this.maxFrameSize),
				settings.timeout(), this.callbackExecutor);
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new ProxyInvocationHandler(type, Map.copyOf(methods), caller));
		return type.cast(proxy);
	}

}
