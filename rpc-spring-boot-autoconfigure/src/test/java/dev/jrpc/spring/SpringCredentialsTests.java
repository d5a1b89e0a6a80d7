package dev.jrpc.spring;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcCredentials;
import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.SpringEndToEndTests.CalculatorUser;
import dev.jrpc.spring.SpringEndToEndTests.ClientApplication;
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
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client credentials from properties: rpc.client.authentication for every call, or a service's own
 * under rpc.client.services[name].authentication, sent in meta.authorization.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpringCredentialsTests {

	private static ConfigurableApplicationContext server() {
		return new SpringApplicationBuilder(ServerApplication.class).web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.run();
	}

	private static String call(ConfigurableApplicationContext server, String... properties) {
		String port = server.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
		try (ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.client.address=127.0.0.1:" + port)
			.properties(properties)
			.run()) {
			client.getBean(CalculatorUser.class).calculator.add(1, 2);
		}
		return server.getBean(Authorizations.class).last;
	}

	@Test
	void aBearerTokenForEveryCallAndBasicCredentialsForOneService() {
		try (ConfigurableApplicationContext server = server()) {
			assertThat(call(server, "rpc.client.authentication.bearer-token=abc")).isEqualTo("Bearer abc");
			String service = "rpc.client.services[" + Calculator.class.getName() + "].authentication.basic.";
			assertThat(call(server, "rpc.client.authentication.bearer-token=abc", service + "username=billing",
					service + "password=pw"))
				.isEqualTo("Basic " + Base64.getEncoder().encodeToString("billing:pw".getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void bothKindsOfCredentialsForOneScopeFailTheStartupNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("rpc.client.address=127.0.0.1:1", "rpc.client.authentication.bearer-token=abc",
					"rpc.client.authentication.basic.username=billing")
			.run()
			.close()).hasStackTraceContaining("rpc.client.authentication sets both bearer-token and basic.username");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ DefaultCalculator.class, Authorizations.class })
	static class ServerApplication {

		@Bean
		RpcServerInterceptor recordAuthorization(Authorizations authorizations) {
			return (call, next) -> {
				authorizations.last = call.metadata().getString(RpcCredentials.AUTHORIZATION);
				return next.proceed();
			};
		}

	}

	@Component
	static class Authorizations {

		volatile String last;

	}

}
