package dev.jrpc.spring.autoconfigure;

import java.util.function.ToDoubleFunction;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.spring.context.RpcServerLifecycle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Gauges and a counter of the server's and the client's connections and calls, bound by Spring
 * Boot to the application's meter registries when it has Micrometer's core:
 * {@code rpc.server.connections}, {@code rpc.server.calls.active}, {@code rpc.server.calls.queued},
 * {@code rpc.server.calls.refused} (busy, -32001), {@code rpc.client.connections} and
 * {@code rpc.client.calls.active}. The timers of each call come from the observations
 * ({@link RpcObservationAutoConfiguration}).
 */
@AutoConfiguration(after = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
@ConditionalOnClass(MeterBinder.class)
public final class RpcMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(RpcServerLifecycle.class)
	MeterBinder rpcServerMeters(RpcServerLifecycle lifecycle) {
		return (registry) -> {
			Gauge.builder("rpc.server.connections", lifecycle, server(RpcServer::openConnections))
				.description("Connections open to the jrpc server")
				.register(registry);
			Gauge.builder("rpc.server.calls.active", lifecycle, server(RpcServer::callsInFlight))
				.description("Calls read and not yet answered, running or waiting for a worker")
				.register(registry);
			Gauge.builder("rpc.server.calls.queued", lifecycle, server(RpcServer::callsWaiting))
				.description("Calls waiting for a worker")
				.register(registry);
			FunctionCounter.builder("rpc.server.calls.refused", lifecycle, server(RpcServer::callsRefusedBusy))
				.description("Calls refused as busy (-32001): no worker or queue place free, or the server stopping")
				.register(registry);
		};
	}

	/** Reads {@code value} from the server once the context built it, 0 before. */
	private static ToDoubleFunction<RpcServerLifecycle> server(ToDoubleFunction<RpcServer> value) {
		return (lifecycle) -> {
			RpcServer server = lifecycle.builtServer();
			return (server != null) ? value.applyAsDouble(server) : 0;
		};
	}

	@Bean
	@ConditionalOnBean(RpcClient.class)
	MeterBinder rpcClientMeters(RpcClient client) {
		return (registry) -> {
			Gauge.builder("rpc.client.connections", client, RpcClient::openConnections)
				.description("Connections the jrpc client has open to servers")
				.register(registry);
			Gauge.builder("rpc.client.calls.active", client, RpcClient::callsInFlight)
				.description("Calls sent to a server and not yet answered")
				.register(registry);
		};
	}

}
