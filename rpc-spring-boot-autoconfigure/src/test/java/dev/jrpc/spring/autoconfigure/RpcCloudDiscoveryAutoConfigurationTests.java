package dev.jrpc.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery.Subscription;
import dev.jrpc.spring.cloud.DiscoveryClientEndpointDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcCloudDiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RpcClientAutoConfiguration.class, RpcCloudDiscoveryAutoConfiguration.class));

	private final ApplicationContextRunner withSpringCloud = this.runner.withConfiguration(AutoConfigurations
		.of(SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
				UtilAutoConfiguration.class));

	@Test
	void registersTheDiscoverySchemeWhenTheContextHasADiscoveryClient() {
		this.withSpringCloud.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RpcClient.class);
			DiscoveryClientEndpointDiscovery discovery = context.getBean(DiscoveryClientEndpointDiscovery.class);
			RpcClient.Builder builder = mock(RpcClient.Builder.class);
			context.getBeanProvider(RpcClientCustomizer.class).forEach((customizer) -> customizer.customize(builder));
			verify(builder).discovery("discovery", discovery);
		});
	}

	@Test
	void resolvesTheInstancesThatSpringCloudKnows() {
		this.withSpringCloud
			.withPropertyValues("spring.cloud.discovery.client.simple.instances.orders[0].uri=http://10.0.0.1:8080",
					"spring.cloud.discovery.client.simple.instances.orders[0].metadata.rpc-port=7070",
					"spring.cloud.discovery.client.simple.instances.orders[1].uri=http://10.0.0.2:7070")
			.run((context) -> {
				List<List<Endpoint>> updates = new CopyOnWriteArrayList<>();
				try (Subscription subscription = context.getBean(DiscoveryClientEndpointDiscovery.class)
					.subscribe("orders", "", updates::add)) {
					await().atMost(Duration.ofSeconds(10)).until(() -> !updates.isEmpty());
				}
				assertThat(updates.get(0)).extracting(Endpoint::address)
					.containsExactly("10.0.0.1:7070", "10.0.0.2:7070");
			});
	}

	@Test
	void bindsTheRefreshInterval() {
		this.withSpringCloud.withPropertyValues("rpc.client.cloud-discovery.refresh-interval=5s")
			.run((context) -> assertThat(context.getBean(RpcCloudDiscoveryProperties.class).getRefreshInterval())
				.isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void failsToStartNamingThePropertyWhenTheRefreshIntervalIsNotPositive() {
		this.withSpringCloud.withPropertyValues("rpc.client.cloud-discovery.refresh-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("rpc.client.cloud-discovery.refresh-interval must be positive"));
	}

	@Test
	void backsOffWithoutADiscoveryClientBean() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RpcClient.class);
			assertThat(context).doesNotHaveBean(DiscoveryClientEndpointDiscovery.class)
				.doesNotHaveBean(RpcClientCustomizer.class);
		});
	}

	@Test
	void backsOffWithoutSpringCloudCommonsOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(DiscoveryClient.class)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RpcClient.class);
			assertThat(context).doesNotHaveBean(RpcClientCustomizer.class);
		});
	}

	@Test
	void usesTheAdaptersDefaultRefreshInterval() {
		assertThat(new RpcCloudDiscoveryProperties().getRefreshInterval())
			.isEqualTo(DiscoveryClientEndpointDiscovery.DEFAULT_REFRESH_INTERVAL);
	}

}
