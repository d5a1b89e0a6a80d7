package dev.jrpc.spring.autoconfigure;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.ServiceRegistration;
import dev.jrpc.zookeeper.ZooKeeperRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcZooKeeperAutoConfigurationTests {

	private static TestingServer zooKeeper;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcZooKeeperAutoConfiguration.class,
				RpcZooKeeperMissingAutoConfiguration.class, RpcClientAutoConfiguration.class));

	@BeforeAll
	static void startZooKeeper() throws Exception {
		zooKeeper = new TestingServer();
	}

	@AfterAll
	static void stopZooKeeper() throws IOException {
		zooKeeper.close();
	}

	@Test
	void givesTheServerAndTheClientARegistryInZooKeeperWhenAConnectStringIsSet() {
		this.runner
			.withPropertyValues("rpc.registry.zookeeper.connect-string=" + zooKeeper.getConnectString(),
					"rpc.registry.zookeeper.root-path=/configured")
			.run((context) -> {
				assertThat(context).hasSingleBean(ZooKeeperRegistry.class)
					.hasSingleBean(RpcServerCustomizer.class)
					.hasSingleBean(RpcClientCustomizer.class)
					.hasSingleBean(RpcClient.class);
				ZooKeeperRegistry registry = context.getBean(ZooKeeperRegistry.class);
				RpcServer.Builder server = mock(RpcServer.Builder.class);
				context.getBean(RpcServerCustomizer.class).customize(server);
				verify(server).registry(registry);
				RpcClient.Builder client = mock(RpcClient.Builder.class);
				context.getBean(RpcClientCustomizer.class).customize(client);
				verify(client).discovery(registry);

				registry.register(greeter());
				try (CuratorFramework curator = curator(null)) {
					curator.start();
					await().until(() -> curator.checkExists().forPath("/configured/com.example.Greeter") != null
							&& curator.getChildren().forPath("/configured/com.example.Greeter").size() == 1);
				}
			});
	}

	@Test
	void usesTheApplicationsCuratorFrameworkRatherThanConnectingItself() {
		// The connect string leads nowhere: only the application's framework can reach ZooKeeper.
		this.runner.withPropertyValues("rpc.registry.zookeeper.connect-string=127.0.0.1:1")
			.withBean("applicationCurator", CuratorFramework.class, () -> curator("tenant"),
					(definition) -> definition.setInitMethodName("start"))
			.run((context) -> {
				assertThat(context).hasSingleBean(CuratorFramework.class).hasSingleBean(ZooKeeperRegistry.class);
				context.getBean(ZooKeeperRegistry.class).register(greeter());
				try (CuratorFramework curator = curator(null)) {
					curator.start();
					// Under the application's namespace, so through its framework.
					await().until(() -> curator.checkExists().forPath("/tenant/jrpc/com.example.Greeter") != null
							&& curator.getChildren().forPath("/tenant/jrpc/com.example.Greeter").size() == 1);
				}
			});
	}

	@Test
	void leavesTheRegistryOutWithoutAConnectString() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZooKeeperRegistry.class)
				.doesNotHaveBean(RpcServerCustomizer.class)
				.doesNotHaveBean(RpcClientCustomizer.class)
				.doesNotHaveBean(RpcZooKeeperProperties.class);
		});
	}

	@Test
	void failsToStartAndNamesTheArtifactWhenAConnectStringIsSetWithoutTheRegistry() {
		this.runner.withPropertyValues("rpc.registry.zookeeper.connect-string=" + zooKeeper.getConnectString())
			.withClassLoader(new FilteredClassLoader(ZooKeeperRegistry.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("rpc.registry.zookeeper.connect-string")
					.hasMessageContaining("dev.jrpc:rpc-spring-boot-starter-zookeeper");
			});
	}

	@Test
	void startsWithoutTheRegistryWhenNeitherItNorAConnectStringIsThere() {
		this.runner.withClassLoader(new FilteredClassLoader(ZooKeeperRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RpcClient.class));
	}

	private static CuratorFramework curator(String namespace) {
		return CuratorFrameworkFactory.builder()
			.connectString(zooKeeper.getConnectString())
			.namespace(namespace)
			.retryPolicy(new RetryNTimes(3, 100))
			.build();
	}

	private static ServiceRegistration greeter() {
		return new ServiceRegistration("com.example.Greeter", "", Endpoint.of("127.0.0.1", 7070), Instant.EPOCH);
	}

}
