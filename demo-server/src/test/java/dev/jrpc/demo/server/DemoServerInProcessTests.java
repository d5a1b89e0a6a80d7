package dev.jrpc.demo.server;

import java.util.concurrent.TimeUnit;

import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.OrderService;
import dev.jrpc.spring.ImportRpcClients;
import dev.jrpc.spring.test.AutoConfigureRpcTestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo server called through client beans over the in-process test transport: no port, no
 * address, the same JSON-RPC. The client beans are named, because the server's own services are
 * beans of the same interfaces.
 */
@SpringBootTest
@AutoConfigureRpcTestTransport
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoServerInProcessTests {

	@Autowired
	@Qualifier("greetingServiceClient")
	private GreetingService greetings;

	@Autowired
	@Qualifier("orderServiceClient")
	private OrderService orders;

	@Test
	void servesItsServicesToClientBeansInProcess() {
		assertThat(this.greetings.greet("Ada")).isEqualTo("Hello, Ada!");
		assertThat(this.orders.findOrder(1).customer()).isEqualTo("Ada Lovelace");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportRpcClients(types = { GreetingService.class, OrderService.class })
	static class Clients {

	}

}
