package dev.jrpc.spring.autoconfigure.actuate;

import dev.jrpc.RpcClient;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code rpc} Actuator endpoint ({@link RpcEndpoint}), when the application has Actuator and
 * exposes it ({@code management.endpoints.web.exposure.include=rpc} over HTTP).
 */
@AutoConfiguration(after = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
@ConditionalOnClass({ RpcClient.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class RpcEndpointAutoConfiguration {

	/** Conditions whose classes come with Actuator sit on the method: read only once the class is known present. */
	@Bean
	@ConditionalOnAvailableEndpoint(RpcEndpoint.class)
	@ConditionalOnMissingBean
	RpcEndpoint rpcEndpoint(ObjectProvider<RpcServerLifecycle> server, ObjectProvider<RpcClient> client) {
		return new RpcEndpoint(server.getIfUnique(), client.getIfUnique());
	}

}
