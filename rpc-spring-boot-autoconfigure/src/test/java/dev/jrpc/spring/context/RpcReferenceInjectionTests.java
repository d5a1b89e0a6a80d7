package dev.jrpc.spring.context;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.spring.RpcReference;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcReferenceInjectionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcClientAutoConfiguration.class));

	@Test
	void injectsPrivateAndInheritedFieldsWithOneSharedProxy() {
		this.runner.withPropertyValues("rpc.client.address=127.0.0.1:1").withBean(Caller.class).run((context) -> {
			Caller caller = context.getBean(Caller.class);
			assertThat(caller.inherited).isNotNull();
			assertThat(caller.calculator).isNotNull().isSameAs(caller.inherited);
			assertThat(caller.calculator.toString()).contains(Calculator.class.getName()).contains("127.0.0.1:1");
		});
	}

	@Test
	void doesNotFailTheStartupWhenTheProviderIsDown() {
		this.runner.withPropertyValues("rpc.client.address=127.0.0.1:1").withBean(Caller.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatThrownBy(() -> context.getBean(Caller.class).calculator.add(1, 2))
				.isInstanceOf(RpcConnectionException.class)
				.hasMessageContaining("127.0.0.1:1");
		});
	}

	@Test
	void takesTheAnnotationFirstThenTheServicePropertiesThenTheGlobalOnes() {
		this.runner
			.withPropertyValues("rpc.client.address=global:1", "rpc.client.timeout=3s",
					"rpc.client.services[" + Calculator.class.getName() + "].address=per-service:2",
					"rpc.client.services[" + Calculator.class.getName() + "].timeout=4s", "clock.host=annotated",
					"clock.timeout=250ms")
			.withBean(Caller.class)
			.withBean(ClockCaller.class)
			.run((context) -> {
				RpcReferenceBeanPostProcessor processor = context.getBean(RpcReferenceBeanPostProcessor.class);
				ReferenceSettings calculator = processor.resolve(ReflectionUtils.findField(Caller.class, "calculator"));
				assertThat(calculator.address()).isEqualTo("per-service:2");
				assertThat(calculator.timeout()).isEqualTo(Duration.ofSeconds(4));
				ReferenceSettings clock = processor.resolve(ReflectionUtils.findField(ClockCaller.class, "clock"));
				assertThat(clock.address()).isEqualTo("annotated:3");
				assertThat(clock.timeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(clock.name()).isEqualTo("clock");
				assertThat(clock.version()).isEqualTo("2");
				ReferenceSettings global = processor.resolve(ReflectionUtils.findField(ClockCaller.class, "plainClock"));
				assertThat(global.address()).isEqualTo("global:1");
				assertThat(global.timeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void failsToStartWithoutAnAddressNamingTheFieldAndTheProperties() {
		this.runner.withBean(Caller.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining(Caller.class.getName() + ".calculator")
				.hasStackTraceContaining("rpc.client.address")
				.hasStackTraceContaining("rpc.client.services[" + Calculator.class.getName() + "].address");
		});
	}

	@Test
	void failsToStartWithATimeoutThatIsNotADuration() {
		this.runner.withPropertyValues("rpc.client.address=127.0.0.1:1", "clock.host=h", "clock.timeout=soon")
			.withBean(ClockCaller.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining(ClockCaller.class.getName() + ".clock")
					.hasStackTraceContaining("'soon'");
			});
	}

	@Test
	void failsToStartWithAMalformedAddress() {
		this.runner.withPropertyValues("rpc.client.address=no-port").withBean(Caller.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(Caller.class.getName() + ".")
				.hasMessageContaining("'no-port'");
		});
	}

	static class BaseCaller {

		@RpcReference
		Calculator inherited;

	}

	static class Caller extends BaseCaller {

		@RpcReference
		private Calculator calculator;

	}

	static class ClockCaller {

		@RpcReference(name = "clock", version = "2", address = "${clock.host}:3", timeout = "${clock.timeout}")
		private Clock clock;

		@RpcReference
		private Clock plainClock;

	}

}
