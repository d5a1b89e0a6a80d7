package dev.jrpc.spring.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Stops the startup when {@code rpc.registry.zookeeper.connect-string} is set but the ZooKeeper
 * registry is not on the class path: the server would otherwise start unannounced and clients
 * would find nothing, with no word why. It fails before any bean is created, with the artifact to
 * add.
 */
@AutoConfiguration
@ConditionalOnMissingClass("dev.jrpc.zookeeper.ZooKeeperRegistry")
@ConditionalOnProperty(prefix = "rpc.registry.zookeeper", name = "connect-string")
public final class RpcZooKeeperMissingAutoConfiguration {

	static final String MESSAGE = "rpc.registry.zookeeper.connect-string is set, but the ZooKeeper registry "
			+ "(dev.jrpc.zookeeper.ZooKeeperRegistry) is not on the class path: add the dependency "
			+ "dev.jrpc:rpc-spring-boot-starter-zookeeper, or remove the property";

	@Bean
	static BeanFactoryPostProcessor zooKeeperRegistryMissing() {
		return (beanFactory) -> {
			throw new IllegalStateException(MESSAGE);
		};
	}

}
