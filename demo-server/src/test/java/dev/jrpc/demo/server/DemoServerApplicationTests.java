package dev.jrpc.demo.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.demo.api.Order;
import dev.jrpc.demo.api.OrderService;
import dev.jrpc.spring.test.LocalRpcServerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The demo server as the README and run-demo.sh use it, on a free loopback port. */
@SpringBootTest(properties = { "rpc.server.port=0", "rpc.server.address=127.0.0.1" })
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoServerApplicationTests {

	@LocalRpcServerPort
	int port;

	@Test
	void answersTheReadmeRequestInJsonStreamModeWithOneLine() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"dev.jrpc.demo.api.GreetingService.greet\","
					+ "\"params\":[\"Ada\"]}\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"Hello, Ada!\"}");
		}
	}

	@Test
	void servesOrdersToAJavaClientAndReportsAnUnknownIdAsARemoteException() {
		try (RpcClient client = RpcClient.builder().build()) {
			OrderService orders = client.create(OrderService.class, "127.0.0.1:" + this.port);
			Order order = orders.findOrder(1);
			assertThat(order.customer()).isEqualTo("Ada Lovelace");
			assertThat(order.lines()).hasSize(2);
			assertThat(order.placedAt()).isEqualTo(Instant.parse("1843-07-10T09:30:00Z"));
			assertThat(orders.ordersOf("Ada Lovelace")).extracting(Order::id).containsExactly(1L, 3L);
			assertThatIllegalArgumentException().isThrownBy(() -> orders.findOrder(999))
				.withMessage("No order 999")
				.havingCause()
				.isInstanceOfSatisfying(RpcRemoteException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo(RpcErrorCodes.APPLICATION_ERROR);
					assertThat(ex.remoteType()).isEqualTo(IllegalArgumentException.class.getName());
					assertThat(ex.remoteMessage()).isEqualTo("No order 999");
				});
		}
	}

}
