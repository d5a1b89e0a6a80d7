package dev.jrpc.spring.autoconfigure.actuate;

import dev.jrpc.RpcClient;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcProperties;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code rpc} health component ({@link RpcHealthIndicator}), when the application has Spring
 * Boot's health support; {@code management.health.rpc.enabled=false} turns it off.
 */
@AutoConfiguration(after = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
@ConditionalOnClass({ RpcClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcHealthContributorAutoConfiguration {

	/**
	 * Named so that the component is {@code rpc}. Conditions whose classes come with the health
	 * support sit on the method: read only once the class is known present.
	 */
	@Bean
	@ConditionalOnEnabledHealthIndicator("rpc")
	@ConditionalOnMissingBean(value = RpcHealthIndicator.class, name = { "rpcHealthIndicator", "rpcHealthContributor" })
	RpcHealthIndicator rpcHealthIndicator(ObjectProvider<RpcServerLifecycle> server, ObjectProvider<RpcClient> client,
			RpcProperties properties) {
		return new RpcHealthIndicator(server.getIfUnique(), client.getIfUnique(),
				properties.getClient().getHealth().isReferencesRequired());
	}

}
