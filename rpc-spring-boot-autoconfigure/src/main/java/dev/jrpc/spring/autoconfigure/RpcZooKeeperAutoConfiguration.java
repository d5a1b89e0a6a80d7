package dev.jrpc.spring.autoconfigure;

import java.util.Objects;

import dev.jrpc.zookeeper.ZooKeeperRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The ZooKeeper registry, when {@code rpc.registry.zookeeper.connect-string} is set: the server
 * registers its services in it, and the client finds services through it. The registry runs on
 * the application's {@link CuratorFramework} bean when there is one (for its ACLs, chroot or
 * authentication), else on a connection of its own made from the properties.
 */
@AutoConfiguration(before = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
@ConditionalOnClass(ZooKeeperRegistry.class)
@ConditionalOnProperty(prefix = "rpc.registry.zookeeper", name = "connect-string")
@EnableConfigurationProperties(RpcZooKeeperProperties.class)
public final class RpcZooKeeperAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ZooKeeperRegistry zooKeeperRegistry(RpcZooKeeperProperties properties, ObjectProvider<CuratorFramework> curator) {
		CuratorFramework application = curator.getIfAvailable();
		if (application != null) {
			return new ZooKeeperRegistry(application, properties.getRootPath());
		}
		return ZooKeeperRegistry
			.builder(Objects.requireNonNull(properties.getConnectString(), "rpc.registry.zookeeper.connect-string"))
			.rootPath(properties.getRootPath())
			.sessionTimeout(properties.getSessionTimeout())
			.connectionTimeout(properties.getConnectionTimeout())
			.build();
	}

	@Bean
	RpcServerCustomizer zooKeeperRegistryServerCustomizer(ZooKeeperRegistry registry) {
		return (builder) -> builder.registry(registry);
	}

	@Bean
	RpcClientCustomizer zooKeeperRegistryClientCustomizer(ZooKeeperRegistry registry) {
		return (builder) -> builder.discovery(registry);
	}

}
