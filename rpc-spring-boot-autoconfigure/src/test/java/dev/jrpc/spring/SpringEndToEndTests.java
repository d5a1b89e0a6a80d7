package dev.jrpc.spring;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcRemoteException;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two Spring Boot applications, one exporting and one calling, over a real loopback connection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringEndToEndTests {

	@Test
	void aReferenceCallsAServiceOfAnotherApplication() {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(ServerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.run()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
				.web(WebApplicationType.NONE)
				.properties("rpc.client.address=127.0.0.1:" + port)
				.run()) {
				assertThat(client.containsBean("rpcServerLifecycle")).isFalse();
				Calculator calculator = client.getBean(CalculatorUser.class).calculator;
				assertThat(calculator.add(20, 22)).isEqualTo(42);
				Calculator.Summary summary = calculator.summarize(List.of(1, 2, 3));
				assertThat(summary).isEqualTo(new Calculator.Summary(3, 6, List.of(1, 2, 3), LocalDate.of(2026, 11, 24)));
				assertThatThrownBy(() -> calculator.fail("no such order")).isExactlyInstanceOf(IllegalArgumentException.class)
					.hasMessage("no such order")
					.cause()
					.isInstanceOf(RpcRemoteException.class)
					.hasMessageContaining("Calculator.fail");
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(DefaultCalculator.class)
	static class ServerApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CalculatorUser.class)
	static class ClientApplication {

	}

	@Component
	static class CalculatorUser {

		@RpcReference
		Calculator calculator;

	}

}
