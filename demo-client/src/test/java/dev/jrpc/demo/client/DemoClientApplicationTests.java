package dev.jrpc.demo.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcServer;
import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.Order;
import dev.jrpc.demo.api.OrderLine;
import dev.jrpc.demo.api.OrderService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo client against a stand-in server on a free loopback port: its output and exit code. */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoClientApplicationTests {

	private static final Order ORDER = new Order(1, "Ada Lovelace",
			List.of(new OrderLine("Punched card", 250, new BigDecimal("0.10"))), Instant.parse("1843-07-10T09:30:00Z"));

	@Test
	void printsEveryResultAndTheRemoteExceptionAndExitsWithZero(CapturedOutput output) {
		try (RpcServer server = serverWith(new StandInOrders(false))) {
			assertThat(runClient(server)).isZero();
		}
		assertThat(output).contains("-> \"Hello, Ada!\"")
			.contains("Order 1 for Ada Lovelace, placed at 1843-07-10T09:30:00Z (a java.time.Instant)")
			.contains("250 x Punched card")
			.contains("-> 1 order" + System.lineSeparator())
			.contains("threw java.lang.IllegalArgumentException: No order 999")
			.contains("remoteType():    java.lang.IllegalArgumentException")
			.contains("code():          -32000")
			.contains("remoteMessage(): No order 999")
			.contains("All calls behaved as expected.");
	}

	@Test
	void exitsWithOneWhenACallThatShouldSucceedFails(CapturedOutput output) {
		try (RpcServer server = serverWith(new StandInOrders(true))) {
			assertThat(runClient(server)).isEqualTo(1);
		}
		assertThat(output).contains("FAILED with IllegalStateException: Database down")
			.contains("The demo FAILED")
			.doesNotContain("All calls behaved as expected.");
	}

	private static RpcServer serverWith(OrderService orders) {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(GreetingService.class, (name) -> "Hello, " + name + "!")
			.addService(OrderService.class, orders)
			.build();
		server.start();
		return server;
	}

	/** Runs the client as its main method does; named its main class, so that under AOT its generated code is found. */
	private static int runClient(RpcServer server) {
		SpringApplication application = new SpringApplication(DemoClientApplication.class);
		application.setMainApplicationClass(DemoClientApplication.class);
		return SpringApplication.exit(application.run("--rpc.client.address=127.0.0.1:" + server.port()));
	}

	/** Knows order 1, unless told to fail every call. */
	private record StandInOrders(boolean broken) implements OrderService {

		@Override
		public Order findOrder(long id) {
			if (this.broken) {
				throw new IllegalStateException("Database down");
			}
			if (id != 1) {
				throw new IllegalArgumentException("No order " + id);
			}
			return ORDER;
		}

		@Override
		public List<Order> ordersOf(String customer) {
			return List.of(ORDER);
		}

	}

}
