package dev.jrpc.spring.autoconfigure;

import dev.jrpc.zookeeper.ZooKeeperRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RpcZooKeeperPropertiesTests {

	@Test
	void defaultsAreThoseOfTheRegistry() {
		RpcZooKeeperProperties properties = new RpcZooKeeperProperties();
		assertThat(properties.getConnectString()).isNull();
		assertThat(properties.getRootPath()).isEqualTo(ZooKeeperRegistry.DEFAULT_ROOT_PATH);
		assertThat(properties.getSessionTimeout()).isEqualTo(ZooKeeperRegistry.DEFAULT_SESSION_TIMEOUT);
		assertThat(properties.getConnectionTimeout()).isEqualTo(ZooKeeperRegistry.DEFAULT_CONNECTION_TIMEOUT);
	}

}
