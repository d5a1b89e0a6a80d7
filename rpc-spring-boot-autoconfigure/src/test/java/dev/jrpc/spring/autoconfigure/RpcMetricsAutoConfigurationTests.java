package dev.jrpc.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class,
				RpcMetricsAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1");

	@Test
	void gaugesShowTheConnectionsOfBothSides() {
		this.runner.withBean(DefaultCalculator.class).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			int port = context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class);
			assertThat(registry.get("rpc.server.connections").gauge().value()).isZero();

			assertThat(context.getBean(RpcClient.class).create(Calculator.class, "127.0.0.1:" + port).add(1, 2))
				.isEqualTo(3);

			assertThat(registry.get("rpc.client.connections").gauge().value()).isEqualTo(1);
			assertThat(registry.get("rpc.server.connections").gauge().value()).isEqualTo(1);
			assertThat(registry.get("rpc.client.calls.active").gauge().value()).isZero();
			// The server counts a call as ended once its answer is written, just after the client has it.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.get("rpc.server.calls.active").gauge().value()).isZero());
			assertThat(registry.get("rpc.server.calls.queued").gauge().value()).isZero();
			assertThat(registry.get("rpc.server.calls.refused").functionCounter().count()).isZero();
		});
	}

	@Test
	void aPureClientHasNoServerMeters() {
		this.runner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			assertThat(registry.find("rpc.server.connections").gauge()).isNull();
			assertThat(registry.find("rpc.client.connections").gauge()).isNotNull();
		});
	}

}
