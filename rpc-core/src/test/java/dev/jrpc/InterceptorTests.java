package dev.jrpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Client and server interceptors: order, metadata, refusals, and deadlines across hops. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterceptorTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private RpcServer server;

	private RpcClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	private RpcClientInterceptor clientStep(String name) {
		return (call, next) -> {
			this.events.add("client " + name + " before " + call.method().getName());
			return next.proceed().whenComplete((value, failure) -> this.events.add("client " + name + " after"));
		};
	}

	private RpcServerInterceptor serverStep(String name) {
		return (call, next) -> {
			this.events.add("server " + name + " before " + call.method().getName());
			try {
				return next.proceed();
			}
			finally {
				this.events.add("server " + name + " after");
			}
		};
	}

	/** Answers {@code echo} of a few words with what {@link RpcContext} tells. */
	static class ContextGreeter extends DefaultGreeter {

		@Override
		public String echo(String text) {
			return switch (text) {
				case "meta:tenant" -> String.valueOf(RpcContext.metadata().getString("tenant"));
				case "remaining-millis" -> String.valueOf(RpcContext.remainingTime().orElseThrow().toMillis());
				default -> text;
			};
		}

	}

	private Greeter start(RpcServer.Builder server, RpcClient.Builder client) {
		this.server = server.address("127.0.0.1").port(0).addService(Greeter.class, new ContextGreeter()).build();
		this.server.start();
		this.client = client.build();
		return this.client.create(Greeter.class, "127.0.0.1:" + this.server.port());
	}

	@Test
	void interceptorsRunInTheOrderTheyWereAddedEachAroundTheNext() {
		Greeter greeter = start(RpcServer.builder().interceptor(serverStep("1")).interceptor(serverStep("2")),
				RpcClient.builder().interceptor(clientStep("1")).interceptor(clientStep("2")));

		assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");

		assertThat(this.events).containsExactly("client 1 before greet", "client 2 before greet", "server 1 before greet",
				"server 2 before greet", "server 2 after", "server 1 after", "client 2 after", "client 1 after");
	}

	@Test
	void metadataWrittenByAClientInterceptorReachesServerInterceptorsAndTheService() {
		List<String> seen = new CopyOnWriteArrayList<>();
		Greeter greeter = start(RpcServer.builder().interceptor((call, next) -> {
			seen.add(call.metadata().getString("tenant") + " " + call.metadata().get("attempt"));
			assertThat(call.serviceName()).isEqualTo(Greeter.class.getName());
			assertThat(call.remoteAddress()).isNotNull();
			if (call.method().getName().equals("greet")) {
				assertThat(call.arguments()).containsExactly("Ada");
			}
			return next.proceed();
		}), RpcClient.builder().interceptor((call, next) -> {
			call.metadata().put("tenant", "acme").put("attempt", IntNode.valueOf(1));
			return next.proceed();
		}));

		assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
		assertThat(seen).containsExactly("acme 1");
		assertThat(greeter.echo("meta:tenant")).as("the service reads RpcContext.metadata()").isEqualTo("acme");
	}

	@Test
	void aServerInterceptorsRefusalReachesTheCallerWithItsCodeAndTheServiceNeverRuns() {
		List<String> ran = new CopyOnWriteArrayList<>();
		Greeter greeter = start(RpcServer.builder().interceptor((call, next) -> {
			if (call.metadata().getString("tenant") == null) {
				throw new RpcErrorException(-32050, "A tenant is required");
			}
			ran.add(call.method().getName());
			return next.proceed();
		}), RpcClient.builder());

		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> greeter.greet("Ada"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(-32050))
			.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("A tenant is required"));
		assertThat(ran).isEmpty();
	}

	@Test
	void aClientInterceptorMayFailACallBeforeItIsSent() {
		Greeter greeter = start(RpcServer.builder().interceptor(serverStep("only")), RpcClient.builder()
			.interceptor((call, next) -> {
				throw new IllegalStateException("no token");
			}));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> greeter.greet("Ada"))
			.withMessage("no token");
		assertThat(this.events).isEmpty();
	}

	@Test
	void aCallMadeWhileServingACallGetsNoMoreThanTheTimeItsCallerHasLeft() {
		// Second hop: reports the time it was given.
		RpcServer last = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.addService(Greeter.class, new ContextGreeter())
			.build();
		last.start();
		try (RpcClient inner = RpcClient.builder().timeout(Duration.ofSeconds(30)).build()) {
			Greeter next = inner.create(Greeter.class, "127.0.0.1:" + last.port());
			// First hop: calls the second while it serves.
			this.server = RpcServer.builder()
				.address("127.0.0.1")
				.port(0)
				.addService(Greeter.class, new DefaultGreeter() {
					@Override
					public String echo(String text) {
						return next.echo(text);
					}
				})
				.build();
			this.server.start();
			this.client = RpcClient.builder().timeout(Duration.ofMillis(2000)).build();
			Greeter first = this.client.create(Greeter.class, "127.0.0.1:" + this.server.port());

			long remaining = Long.parseLong(first.echo("remaining-millis"));

			assertThat(remaining).as("the second hop's time left, in ms").isBetween(1L, 1999L);
		}
		finally {
			last.stop();
		}
	}

}
