package dev.jrpc.spring.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.observation.DefaultRpcServerObservationConvention;
import dev.jrpc.observation.RpcServerObservationConvention;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class,
				RpcObservationAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1")
		.withBean(DefaultCalculator.class);

	@Test
	void observesTheCallsOfBothSidesWithTheApplicationsRegistry() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
			int port = context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class);
			assertThat(context.getBean(RpcClient.class).create(Calculator.class, "127.0.0.1:" + port).add(1, 2))
				.isEqualTo(3);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("rpc.client.call.duration")
				.that()
				.hasLowCardinalityKeyValue("rpc.method", Calculator.class.getName() + "/add");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("rpc.server.call.duration")
				.that()
				.hasLowCardinalityKeyValue("rpc.status_code", "0");
		});
	}

	@Test
	void aConventionBeanRenamesTheServerObservation() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(RpcServerObservationConvention.class, () -> new DefaultRpcServerObservationConvention() {
				@Override
				public String getName() {
					return "calls.served";
				}
			})
			.run((context) -> {
				TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
				int port = context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class);
				context.getBean(RpcClient.class).create(Calculator.class, "127.0.0.1:" + port).add(1, 2);
				TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("calls.served");
			});
	}

	@Test
	void observesNothingWithoutARegistry() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(RpcServerCustomizer.class)
			.doesNotHaveBean(RpcClientCustomizer.class));
	}

}
