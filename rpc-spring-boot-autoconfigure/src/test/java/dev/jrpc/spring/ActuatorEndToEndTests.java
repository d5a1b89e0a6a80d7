package dev.jrpc.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with Actuator that exports a service and calls another application's:
 * {@code /actuator/health} and {@code /actuator/rpc} over HTTP show both sides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ActuatorEndToEndTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void healthAndTheRpcEndpointShowTheServerAndTheReferences() throws Exception {
		try (ConfigurableApplicationContext calculators = new SpringApplicationBuilder(CalculatorApplication.class)
			.web(WebApplicationType.NONE)
			.properties("rpc.server.port=0", "rpc.server.address=127.0.0.1")
			.run()) {
			String calculatorAddress = "127.0.0.1:"
					+ calculators.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ActuatorApplication.class)
				.web(WebApplicationType.SERVLET)
				.properties("server.port=0", "server.address=127.0.0.1", "rpc.server.port=0",
						"rpc.server.address=127.0.0.1", "rpc.client.address=" + calculatorAddress,
						"management.endpoints.web.exposure.include=health,rpc",
						"management.endpoint.health.show-details=always")
				.run()) {
				assertThat(app.getBean(CalculatorUser.class).calculator.add(20, 22)).isEqualTo(42);
				String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/actuator/";
				String rpcAddress = "127.0.0.1:" + app.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);

				JsonNode health = get(base + "health");
				assertThat(health.path("status").asString()).isEqualTo("UP");
				JsonNode rpcHealth = health.path("components").path("rpc");
				assertThat(rpcHealth.path("status").asString()).isEqualTo("UP");
				assertThat(rpcHealth.path("details").path("server").path("address").asString()).isEqualTo(rpcAddress);
				JsonNode reference = rpcHealth.path("details").path("references").path(0);
				assertThat(reference.path("interfaceName").asString()).isEqualTo(Calculator.class.getName());
				assertThat(reference.path("status").asString()).isEqualTo("UP");
				assertThat(reference.path("endpoints").path(0).path("address").asString()).isEqualTo(calculatorAddress);
				assertThat(reference.path("endpoints").path(0).path("state").asString()).isEqualTo("CONNECTED");

				JsonNode rpc = get(base + "rpc");
				JsonNode server = rpc.path("server");
				assertThat(server.path("running").asBoolean()).isTrue();
				assertThat(server.path("boundAddress").asString()).isEqualTo(rpcAddress);
				assertThat(server.path("registry").asString()).isEqualTo("NONE");
				JsonNode service = server.path("services").path(0);
				assertThat(service.path("interfaceName").asString()).isEqualTo("dev.jrpc.spring.fixtures.Clock");
				assertThat(service.path("name").asString()).isEmpty();
				assertThat(service.path("methods").path(0).path("method").asString()).isEqualTo("now()");
				assertThat(service.path("methods").path(0).path("wireName").asString()).isEqualTo("now");
				JsonNode client = rpc.path("client");
				assertThat(client.path("connections").asInt()).isEqualTo(1);
				assertThat(client.path("references").path(0).path("target").asString()).isEqualTo(calculatorAddress);
			}
		}
	}

	private JsonNode get(String uri) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(uri).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(DefaultCalculator.class)
	static class CalculatorApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ PlainClockService.class, CalculatorUser.class })
	static class ActuatorApplication {

	}

	@Component
	static class CalculatorUser {

		@dev.jrpc.spring.RpcReference
		Calculator calculator;

	}

}
