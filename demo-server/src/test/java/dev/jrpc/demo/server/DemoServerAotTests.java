package dev.jrpc.demo.server;

import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.OrderService;
import dev.jrpc.spring.context.RpcServerLifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo server as Spring's AOT engine processed it ({@code process-aot} in the build,
 * {@code spring.aot.enabled=true} here), called over TCP by a jrpc client.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoServerAotTests {

	@Test
	void theAotProcessedServerServesItsServices() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		// Named its main class, as its main method would be: under AOT, its generated code is found by it.
		SpringApplication application = new SpringApplication(DemoServerApplication.class);
		application.setMainApplicationClass(DemoServerApplication.class);
		try (ConfigurableApplicationContext context = application.run("--rpc.server.port=0",
				"--rpc.server.address=127.0.0.1");
				RpcClient client = RpcClient.builder().build()) {
			String address = "127.0.0.1:" + context.getEnvironment().getProperty(RpcServerLifecycle.PORT_PROPERTY);
			assertThat(client.create(GreetingService.class, address).greet("Ada")).isEqualTo("Hello, Ada!");
			assertThat(client.create(OrderService.class, address).findOrder(1).customer()).isEqualTo("Ada Lovelace");
		}
	}

}
