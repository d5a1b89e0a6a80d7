package dev.jrpc.spring.context;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.jrpc.RpcServer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Runs the jrpc server with the application context: builds it once every singleton exists (so a
 * service that cannot be served fails the startup), binds it after the context is refreshed,
 * publishes the bound port as {@value #PORT_PROPERTY}, and stops it gracefully before the beans it
 * calls are destroyed. Its event loop threads are not daemon threads, so an application whose
 * only server is jrpc stays up until it is stopped.
 */
public class RpcServerLifecycle implements SmartLifecycle, SmartInitializingSingleton {

	/** The property that holds the port the server bound. */
	public static final String PORT_PROPERTY = "local.rpc.server.port";

	private static final String PROPERTY_SOURCE_NAME = "rpc.server.ports";

	private final Supplier<RpcServer> serverFactory;

	private final ConfigurableEnvironment environment;

	private @Nullable RpcServer server;

	public RpcServerLifecycle(Supplier<RpcServer> serverFactory, ConfigurableEnvironment environment) {
		this.serverFactory = serverFactory;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.server = this.serverFactory.get();
	}

	@Override
	public void start() {
		RpcServer current = server();
		current.start();
		publishPort(current.port());
	}

	@Override
	public void stop() {
		RpcServer current = this.server;
		if (current != null) {
			current.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null && this.server.isRunning();
	}

	/** Starts after, and stops before, the application's other lifecycle beans. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/** The server, or null when the context has not built it yet; never builds it. */
	public @Nullable RpcServer builtServer() {
		return this.server;
	}

	/** The server; built on first use if the context did not build it yet. */
	public RpcServer server() {
		if (this.server == null) {
			this.server = this.serverFactory.get();
		}
		return this.server;
	}

	private void publishPort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source == null) {
			source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
			sources.addFirst(source);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> ports = (Map<String, Object>) source.getSource();
		ports.put(PORT_PROPERTY, port);
	}

}
