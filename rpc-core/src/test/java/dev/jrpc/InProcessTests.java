package dev.jrpc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server listening in process too, and a client calling it there whatever the addresses say. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InProcessTests {

	private static final AtomicInteger names = new AtomicInteger();

	private final String name = "in-process-tests-" + names.incrementAndGet();

	private RpcServer server() {
		RpcServer server = RpcServer.builder().address("127.0.0.1").port(0).inProcess(this.name)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		server.start();
		return server;
	}

	@Test
	void everyProxyCallsTheInProcessServerWhateverItsAddress() {
		RpcServer server = server();
		try (RpcClient client = RpcClient.builder().inProcess(this.name).build()) {
			Greeter elsewhere = client.create(Greeter.class, "192.0.2.1:7070");
			Greeter discovered = client.create(Greeter.class, "discovery:///greeters");
			Greeter unaddressed = client.proxy(Greeter.class).build();

			assertThat(elsewhere.greet("Ada")).isEqualTo("Hello, Ada");
			assertThat(discovered.item("pen", java.time.LocalDate.of(2026, 12, 3)).name()).isEqualTo("pen");
			assertThat(unaddressed.add(20, 22)).isEqualTo(42);
			assertThat(server.openConnections()).isEqualTo(1);
			assertThat(client.references()).allSatisfy((reference) -> {
				assertThat(reference.target()).isEqualTo("in-process:" + this.name);
				assertThat(reference.isAvailable()).isTrue();
			});
		}
		finally {
			server.stop();
		}
	}

	@Test
	void theServerStillListensOnItsPort() {
		RpcServer server = server();
		try (RpcClient client = RpcClient.builder().build()) {
			assertThat(client.create(Greeter.class, "127.0.0.1:" + server.port()).greet("Ada")).isEqualTo("Hello, Ada");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void twoServersCannotListenUnderOneName() {
		RpcServer first = server();
		try {
			RpcServer second = RpcServer.builder().address("127.0.0.1").port(0).inProcess(this.name)
				.addService(Greeter.class, new DefaultGreeter())
				.build();
			assertThatIllegalStateException().isThrownBy(second::start)
				.withMessageContaining("'" + this.name + "'")
				.withMessageContaining("another server of this JVM");
			assertThat(second.isRunning()).isFalse();
		}
		finally {
			first.stop();
		}
	}

	@Test
	void aCallFailsWithAConnectionErrorWhenNoServerListensUnderTheName() {
		try (RpcClient client = RpcClient.builder().inProcess(this.name).build()) {
			Greeter greeter = client.proxy(Greeter.class).maxAttempts(1).build();
			assertThatThrownBy(() -> greeter.greet("Ada")).isInstanceOf(RpcConnectionException.class);
		}
	}

}
