package dev.jrpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The ready-made credential interceptors put what an HTTP Authorization header would hold in meta.authorization. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CredentialsTests {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private RpcServer server;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.interceptor((call, next) -> {
				this.received.add(String.valueOf(call.metadata().getString(RpcCredentials.AUTHORIZATION)));
				return next.proceed();
			})
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aBearerTokenIsAskedForEachCall() {
		AtomicReference<String> token = new AtomicReference<>("first");
		try (RpcClient client = RpcClient.builder().interceptor(RpcCredentials.bearer(token::get)).build()) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + this.server.port());
			remote.greet("Ada");
			token.set("renewed");
			remote.greet("Ada");
		}
		assertThat(this.received).containsExactly("Bearer first", "Bearer renewed");
	}

	@Test
	void basicCredentialsAreSentAsHttpBasicDoes() {
		try (RpcClient client = RpcClient.builder().interceptor(RpcCredentials.basic("ada", "s3cret:x")).build()) {
			client.create(Greeter.class, "127.0.0.1:" + this.server.port()).greet("Ada");
		}
		assertThat(this.received).containsExactly(
				"Basic " + Base64.getEncoder().encodeToString("ada:s3cret:x".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aCallWithoutATokenFailsBeforeItIsSent() {
		try (RpcClient client = RpcClient.builder().interceptor(RpcCredentials.bearer(() -> null)).build()) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + this.server.port());
			assertThatExceptionOfType(RpcException.class).isThrownBy(() -> remote.greet("Ada"))
				.withMessageContaining("No bearer token");
		}
		assertThat(this.received).isEmpty();
	}

	@Test
	void aBasicUserNameWithAColonIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RpcCredentials.basic("a:b", "p"));
	}

}
