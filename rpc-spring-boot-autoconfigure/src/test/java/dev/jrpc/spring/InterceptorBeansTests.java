package dev.jrpc.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.RpcContext;
import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/** Interceptor beans are applied to the client and the server, in their {@code @Order}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterceptorBeansTests {

	static final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	void interceptorBeansWrapEveryCallInTheirOrder() {
		events.clear();
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(ServerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.run()) {
			String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
				.web(WebApplicationType.NONE)
				.properties("rpc.client.address=127.0.0.1:" + port)
				.run()) {
				Calculator calculator = client.getBean(CalculatorUser.class).calculator;

				assertThat(calculator.add(20, 22)).isEqualTo(42);
			}
		}
		assertThat(events).containsExactly("client first", "client second", "server first tenant=acme",
				"server second");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(DefaultCalculator.class)
	static class ServerApplication {

		@Bean
		@Order(2)
		RpcServerInterceptor second() {
			return (call, next) -> {
				events.add("server second");
				return next.proceed();
			};
		}

		@Bean
		@Order(1)
		RpcServerInterceptor first() {
			return (call, next) -> {
				events.add("server first tenant=" + RpcContext.metadata().getString("tenant"));
				return next.proceed();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CalculatorUser.class)
	static class ClientApplication {

		@Bean
		@Order(2)
		RpcClientInterceptor second() {
			return (call, next) -> {
				events.add("client second");
				return next.proceed();
			};
		}

		@Bean
		@Order(1)
		RpcClientInterceptor first() {
			return (call, next) -> {
				events.add("client first");
				call.metadata().put("tenant", "acme");
				return next.proceed();
			};
		}

	}

	static class CalculatorUser {

		@RpcReference
		Calculator calculator;

	}

}
