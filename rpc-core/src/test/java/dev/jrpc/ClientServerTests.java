package dev.jrpc;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.Greeter.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real server on a free loopback port and a real client calling it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientServerTests {

	private RpcServer server;

	private RpcClient client;

	private Greeter greeter;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, new DefaultGreeter()).build();
		this.server.start();
		this.client = RpcClient.builder().build();
		this.greeter = this.client.create(Greeter.class, "127.0.0.1:" + this.server.port());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.stop();
	}

	@Test
	void callsAPlainMethod() {
		assertThat(this.greeter.greet("Ada")).isEqualTo("Hello, Ada");
		assertThat(this.greeter.add(2, 3)).isEqualTo(5);
	}

	@Test
	void keepsGenericTypesOfParametersAndResults() {
		List<Item> items = List.of(new Item("a", 1, LocalDate.of(2024, 2, 29)), new Item("b", 2, LocalDate.of(1970, 1, 1)),
				new Item("a", 3, LocalDate.of(2000, 12, 31)));
		assertThat(this.greeter.items(items)).isEqualTo(items);
		Map<String, List<Item>> grouped = this.greeter.group(items);
		assertThat(grouped.get("a")).containsExactly(items.get(0), items.get(2));
		assertThat(this.greeter.item("xyz", LocalDate.of(2026, 11, 24))).isEqualTo(new Item("xyz", 3, LocalDate.of(2026, 11, 24)));
	}

	@Test
	void rethrowsACommonJdkExceptionAsItselfWithTheRemoteDetailsAsItsCause() {
		assertThatThrownBy(() -> this.greeter.fail("boom")).isExactlyInstanceOf(IllegalStateException.class)
			.hasMessage("boom")
			.cause()
			.isInstanceOfSatisfying(RpcRemoteException.class, (remote) -> {
				assertThat(remote.code()).isEqualTo(RpcErrorCodes.APPLICATION_ERROR);
				assertThat(remote.remoteType()).isEqualTo("java.lang.IllegalStateException");
				assertThat(remote.remoteMessage()).isEqualTo("boom");
				assertThat(remote).hasMessageContaining("Greeter.fail");
			});
		assertThat(this.greeter.greet("after")).isEqualTo("Hello, after");
	}

	@Test
	void rethrowsADeclaredCheckedExceptionAsItself() {
		assertThatThrownBy(() -> this.greeter.failDeclared("not today")).isExactlyInstanceOf(Greeter.Refused.class)
			.hasMessage("not today")
			.hasCauseInstanceOf(RpcRemoteException.class);
	}

	@Test
	void reportsAnUndeclaredExceptionAsARemoteExceptionNamingItsType() {
		assertThatThrownBy(() -> this.greeter.failUnlisted("odd")).isExactlyInstanceOf(RpcRemoteException.class)
			.hasMessageContaining("Greeter.failUnlisted")
			.hasMessageContaining(Greeter.Unlisted.class.getName())
			.hasMessageContaining("odd")
			.satisfies((ex) -> {
				RpcRemoteException remote = (RpcRemoteException) ex;
				assertThat(remote.code()).isEqualTo(RpcErrorCodes.APPLICATION_ERROR);
				assertThat(remote.remoteType()).isEqualTo(Greeter.Unlisted.class.getName());
				assertThat(remote.remoteMessage()).isEqualTo("odd");
			});
	}

	@Test
	void runsObjectAndDefaultMethodsLocally() {
		assertThat(this.greeter.greetTwice("Bo")).isEqualTo("Hello, Bo Hello, Bo");
		assertThat(this.greeter).isEqualTo(this.greeter);
		assertThat(this.greeter.hashCode()).isEqualTo(System.identityHashCode(this.greeter));
		assertThat(this.greeter.toString()).contains(Greeter.class.getName());
	}

	@Test
	void timesOutAndForgetsTheCall() {
		Greeter impatient = this.client.proxy(Greeter.class)
			.address("127.0.0.1:" + this.server.port())
			.timeout(Duration.ofMillis(200))
			.build();
		assertThatThrownBy(() -> impatient.sleep(2000)).isInstanceOf(RpcTimeoutException.class)
			.hasMessageContaining("Greeter.sleep")
			.hasMessageContaining("200 ms");
		// On the same connection, with the default timeout: it fails only if the connection or its calls
		// are not as they should be, never because the machine is slow.
		assertThat(this.greeter.greet("again")).isEqualTo("Hello, again");
	}

	@Test
	void anAsynchronousCallReturnsAtOnceEvenWhenItMustFirstConnect() throws Exception {
		LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
		try (RpcClient deferred = RpcClient.builder().callbackExecutor(tasks::add).build()) {
			Greeter fresh = deferred.create(Greeter.class, "127.0.0.1:" + this.server.port());
			CompletableFuture<String> answer = fresh.greetLater("Di");
			// Nothing waited on the calling thread: the connection opens on an event loop, and the
			// request is written on the callback executor once it is open.
			assertThat(answer).isNotDone();
			while (!answer.isDone()) {
				Runnable task = tasks.poll(5, TimeUnit.SECONDS);
				assertThat(task).as("a task of the callback executor").isNotNull();
				task.run();
			}
			assertThat(answer.get()).isEqualTo("Hello, Di");

			// A server that is down: the call still returns, and its future carries the failure.
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0)) {
				closedPort = socket.getLocalPort();
			}
			CompletableFuture<String> failed = deferred
				.create(Greeter.class, "127.0.0.1:" + closedPort)
				.greetLater("nobody");
			assertThat(failed).isNotDone();
			while (!failed.isDone()) {
				Runnable task = tasks.poll(5, TimeUnit.SECONDS);
				assertThat(task).as("a task of the callback executor").isNotNull();
				task.run();
			}
			assertThatThrownBy(failed::get).cause().isInstanceOf(RpcConnectionException.class);
		}
	}

	@Test
	void completesFuturesOffTheEventLoop() throws Exception {
		assertThat(this.greeter.greetLater("Cy").thenApply((s) -> s + "|" + Thread.currentThread().getName())
			.get(5, TimeUnit.SECONDS)).startsWith("Hello, Cy|").doesNotContain("jrpc-client");
	}

}
