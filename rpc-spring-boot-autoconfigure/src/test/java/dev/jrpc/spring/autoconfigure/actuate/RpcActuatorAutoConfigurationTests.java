package dev.jrpc.spring.autoconfigure.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcConnectionException;
import dev.jrpc.spring.autoconfigure.RpcClientAutoConfiguration;
import dev.jrpc.spring.autoconfigure.RpcServerAutoConfiguration;
import dev.jrpc.spring.autoconfigure.actuate.RpcDescriptions.MethodDescription;
import dev.jrpc.spring.autoconfigure.actuate.RpcDescriptions.ReferenceDescription;
import dev.jrpc.spring.autoconfigure.actuate.RpcEndpoint.RpcDescription;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.fixtures.Calculator;
import dev.jrpc.spring.fixtures.DefaultCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rpc health component and the rpc endpoint, configured by Spring Boot when the application has Actuator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class,
				RpcHealthContributorAutoConfiguration.class, RpcEndpointAutoConfiguration.class))
		.withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=rpc");

	@Test
	void healthIsUpWhileTheServerAcceptsCallsAndDownOnceItStops() {
		this.runner.withBean(DefaultCalculator.class).run((context) -> {
			HealthIndicator health = context.getBean("rpcHealthIndicator", HealthIndicator.class);
			Health up = health.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			int port = port(context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class));
			assertThat(up.getDetails()).containsKeys("server", "references")
				.extractingByKey("server")
				.isEqualTo(java.util.Map.of("status", "UP", "address", "127.0.0.1:" + port));

			context.getBean(RpcServerLifecycle.class).stop();
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).extractingByKey("server").isEqualTo(java.util.Map.of("status", "DOWN"));
		});
	}

	@Test
	void aReferenceThatCannotReachItsServerIsShownDownWithoutTurningTheComponentDown() throws IOException {
		int closedPort = closedPort();
		this.runner.run((context) -> {
			callNowhere(context.getBean(RpcClient.class), closedPort);
			Health health = context.getBean("rpcHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("server");
			assertThat(references(health)).singleElement().satisfies((reference) -> {
				assertThat(reference.interfaceName()).isEqualTo(Calculator.class.getName());
				assertThat(reference.target()).isEqualTo("127.0.0.1:" + closedPort);
				assertThat(reference.status()).isEqualTo("DOWN");
				assertThat(reference.endpoints()).singleElement().satisfies((endpoint) -> {
					assertThat(endpoint.address()).isEqualTo("127.0.0.1:" + closedPort);
					assertThat(endpoint.state()).isEqualTo("UNREACHABLE");
					assertThat(endpoint.lastFailure()).isNotBlank();
				});
			});
		});
	}

	@Test
	void aReferenceWithoutAnAvailableEndpointTurnsTheComponentDownWhenReferencesAreRequired() throws IOException {
		int closedPort = closedPort();
		this.runner.withPropertyValues("rpc.client.health.references-required=true").run((context) -> {
			HealthIndicator health = context.getBean("rpcHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).as("no reference yet").isEqualTo(Status.UP);
			callNowhere(context.getBean(RpcClient.class), closedPort);
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void theEndpointDescribesTheServicesTheServerAndTheReferences() {
		this.runner.withBean(DefaultCalculator.class).run((context) -> {
			int port = port(context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY, Integer.class));
			Calculator calculator = context.getBean(RpcClient.class).create(Calculator.class, "127.0.0.1:" + port);
			assertThat(calculator.add(1, 2)).isEqualTo(3);

			RpcDescription description = context.getBean(RpcEndpoint.class).rpc();
			assertThat(description.server()).isNotNull().satisfies((server) -> {
				assertThat(server.running()).isTrue();
				assertThat(server.boundAddress()).isEqualTo("127.0.0.1:" + port);
				assertThat(server.advertisedAddress()).isNull();
				assertThat(server.registry()).isEqualTo("NONE");
				assertThat(server.connections()).isEqualTo(1);
				assertThat(server.services()).singleElement().satisfies((service) -> {
					assertThat(service.name()).isEqualTo(Calculator.class.getName());
					assertThat(service.interfaceName()).isEqualTo(Calculator.class.getName());
					assertThat(service.methods()).contains(new MethodDescription("add(int, int)", Calculator.class.getName() + ".add"),
							new MethodDescription("summarize(List)", Calculator.class.getName() + ".summarize"));
				});
			});
			assertThat(description.client()).isNotNull().satisfies((client) -> {
				assertThat(client.connections()).isEqualTo(1);
				assertThat(client.references()).singleElement().satisfies((reference) -> {
					assertThat(reference.status()).isEqualTo("UP");
					assertThat(reference.endpoints()).singleElement()
						.satisfies((endpoint) -> assertThat(endpoint.state()).isEqualTo("CONNECTED"));
				});
			});
		});
	}

	@Test
	void theEndpointIsOnlyConfiguredWhenItIsExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RpcClientAutoConfiguration.class, RpcEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcEndpoint.class));
	}

	@Test
	void theHealthComponentCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.rpc.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcHealthIndicator.class));
	}

	@Test
	void theStarterRunsWithoutActuator() {
		this.runner.withBean(DefaultCalculator.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RpcServerLifecycle.class)
				.doesNotHaveBean(RpcHealthIndicator.class)
				.doesNotHaveBean(RpcEndpoint.class));
	}

	private static void callNowhere(RpcClient client, int closedPort) {
		Calculator nowhere = client.proxy(Calculator.class).address("127.0.0.1:" + closedPort).maxAttempts(1).build();
		assertThatThrownBy(() -> nowhere.add(1, 2)).isInstanceOf(RpcConnectionException.class);
	}

	@SuppressWarnings("unchecked")
	private static List<ReferenceDescription> references(Health health) {
		return (List<ReferenceDescription>) health.getDetails().get("references");
	}

	private static int port(Integer port) {
		assertThat(port).as("the server's port").isNotNull();
		return port;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
