package dev.jrpc.spring.test;

import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcClientCustomizer;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcServerCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureRpcTestTransport} imports: the server listens in process under a name
 * of its own context (and on a free port), and the client
 * calls that name from every proxy. Each context gets another
 * name, so that contexts cached by the test framework do not call each other's servers.
 */
@AutoConfiguration(before = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
public final class RpcTestTransportAutoConfiguration {

	private static final AtomicInteger contexts = new AtomicInteger();

	private final String name = "jrpc-test-" + contexts.incrementAndGet();

	/**
	 * Listens on a free port too, whatever {@code rpc.server.port} says: the test needs none, and
	 * the application's own port may be taken. {@code @LocalRpcServerPort} gives it.
	 */
	@Bean
	RpcServerCustomizer rpcTestTransportServer() {
		return (RpcServer.Builder builder) -> builder.inProcess(this.name).port(0);
	}

	@Bean
	RpcClientCustomizer rpcTestTransportClient() {
		return (RpcClient.Builder builder) -> builder.inProcess(this.name);
	}

}
