package dev.jrpc.spring.autoconfigure;

import java.time.Duration;

import dev.jrpc.RpcClient;
import dev.jrpc.spring.cloud.DiscoveryClientEndpointDiscovery;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;

/**
 * Addresses {@code discovery:///service-id} for the jrpc client, resolved through Spring Cloud's
 * {@link DiscoveryClient}: configured when the application has one, from Eureka, Consul,
 * Kubernetes, ZooKeeper or the simple one that reads properties.
 */
@AutoConfiguration(
		afterName = { "org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
				"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration" })
@ConditionalOnClass({ RpcClient.class, DiscoveryClient.class })
@ConditionalOnBean(DiscoveryClient.class)
@EnableConfigurationProperties(RpcCloudDiscoveryProperties.class)
public final class RpcCloudDiscoveryAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DiscoveryClientEndpointDiscovery rpcDiscoveryClientEndpointDiscovery(DiscoveryClient discoveryClient,
			RpcCloudDiscoveryProperties properties) {
		Duration refreshInterval = properties.getRefreshInterval();
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalStateException(
					"rpc.client.cloud-discovery.refresh-interval must be positive, was " + refreshInterval);
		}
		return new DiscoveryClientEndpointDiscovery(discoveryClient, refreshInterval);
	}

	@Bean
	RpcClientCustomizer rpcCloudDiscoveryClientCustomizer(DiscoveryClientEndpointDiscovery discovery) {
		return (builder) -> builder.discovery(DiscoveryClientEndpointDiscovery.SCHEME, discovery);
	}

}
