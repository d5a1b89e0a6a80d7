package dev.jrpc.spring;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcRemoteException;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.Clock;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import dev.jrpc.spring.fixtures.PlainClockService;
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

	@Test
	void aReferenceCallsPlainNamesOverAJsonStreamWhenItsServiceIsConfiguredSo() throws Exception {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(PlainServerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.run()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
				socket.setSoTimeout(5000);
				socket.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"now\"}".getBytes(StandardCharsets.UTF_8));
				BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				assertThat(in.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1234}");
			}
			String service = "rpc.client.services[" + Clock.class.getName() + "].";
			try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClockClientApplication.class)
				.web(WebApplicationType.NONE)
				.properties(service + "address=127.0.0.1:" + port, service + "plain-names=true",
						service + "framing=json-stream", service + "max-in-flight=1")
				.run()) {
				assertThat(client.getBean(ClockUser.class).clock.now()).isEqualTo(1234);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PlainClockService.class)
	static class PlainServerApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ClockUser.class)
	static class ClockClientApplication {

	}

	@Component
	static class ClockUser {

		@RpcReference
		Clock clock;

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
