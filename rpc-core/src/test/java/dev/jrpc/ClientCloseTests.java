package dev.jrpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.testing.BlockingGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.SilentServer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A client's calls in flight have failed when its {@code close()} returns, although the event loops
 * that end them are shared with other clients and keep running.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCloseTests {

	/** Greeter's {@code sleep}, called asynchronously. */
	interface AsyncSleeper {

		CompletableFuture<String> sleep(long millis);

	}

	/** Greeter's {@code sleep}, called asynchronously, and tried again when it may have run. */
	interface IdempotentSleeper {

		@Idempotent
		CompletableFuture<String> sleep(long millis);

	}

	private final BlockingGreeter greeter = new BlockingGreeter();

	private RpcServer server;

	/** Keeps the shared event loops running after the client under test closes. */
	private RpcClient bystander;

	@BeforeEach
	void start() {
		this.server = RpcServer.builder().address("127.0.0.1").port(0).addService(Greeter.class, this.greeter).build();
		this.server.start();
		this.bystander = RpcClient.builder().build();
	}

	@AfterEach
	void stop() {
		this.greeter.release();
		this.bystander.close();
		this.server.stop();
	}

	private static RpcClient.Builder client() {
		// Futures complete on the thread that ends the call, so that nothing but close() is waited for.
		return RpcClient.builder().callbackExecutor(Runnable::run);
	}

	private static AsyncSleeper sleeper(RpcClient client, String address) {
		return client.proxy(AsyncSleeper.class)
			.name(Greeter.class.getName())
			.address(address)
			.timeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void aCallInFlightHasFailedWhenCloseReturns() throws InterruptedException {
		AtomicReference<EventLoopGroup> loops = new AtomicReference<>();
		RpcClient client = client().bootstrapCustomizer((bootstrap) -> loops.set(bootstrap.config().group())).build();
		CompletableFuture<String> call = sleeper(client, "127.0.0.1:" + this.server.port()).sleep(20_000);
		assertThat(this.greeter.awaitStarted()).isTrue();
		// The loops are busy for a while: the connection closes, and the call fails, only after that.
		loops.get().forEach((loop) -> loop.execute(() -> sleep(300)));

		client.close();

		assertThat(call).isCompletedExceptionally();
		assertThat(this.bystander.create(Greeter.class, "127.0.0.1:" + this.server.port()).greet("Ada"))
			.isEqualTo("Hello, Ada");
	}

	@Test
	void aCallOnAConnectionDrainingAfterItsServerLeftHasFailedWhenCloseReturns() throws InterruptedException {
		MovingDiscovery discovery = new MovingDiscovery(this.server.port());
		RpcClient client = client().discovery("test", discovery).build();
		CompletableFuture<String> call = sleeper(client, "test:///greeter").sleep(20_000);
		assertThat(this.greeter.awaitStarted()).isTrue();
		// The server leaves the set: its connection stays open until its call ends.
		discovery.moveTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> client.openConnections() == 0);
		assertThat(call).isNotDone();

		client.close();

		assertThat(call).isCompletedExceptionally();
	}

	@Test
	void aCallWaitingForATlsHandshakeHasFailedWhenCloseReturns() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			RpcClient client = client()
				.tls(() -> sslContext())
				.tlsServerName("localhost")
				.connectTimeout(Duration.ofSeconds(20))
				.build();
			CompletableFuture<String> call = sleeper(client, "127.0.0.1:" + silent.port()).sleep(20_000);
			await().atMost(Duration.ofSeconds(5)).until(() -> silent.connections() == 1);
			assertThat(call).isNotDone();

			client.close();

			assertThat(call).isCompletedExceptionally();
		}
	}

	@Test
	void aCallWaitingToConnectToAServerThatLeftTheSetGoesElsewhereAtOnce() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			MovingDiscovery discovery = new MovingDiscovery(silent.port());
			RpcClient client = client().discovery("test", discovery)
				.tls(() -> sslContext())
				.tlsServerName("localhost")
				.connectTimeout(Duration.ofSeconds(20))
				.build();
			try {
				CompletableFuture<String> call = sleeper(client, "test:///greeter").sleep(20_000);
				await().atMost(Duration.ofSeconds(5)).until(() -> silent.connections() == 1);
				assertThat(call).isNotDone();
				// Its TLS handshake would wait 10 s; the server that replaces it refuses connections.
				discovery.moveTo(1);

				await().atMost(Duration.ofSeconds(3)).until(call::isDone);
				assertThat(call).failsWithin(Duration.ZERO)
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(RpcConnectionException.class);
			}
			finally {
				client.close();
			}
		}
	}

	@Test
	void anIdempotentCallLostByTheCloseIsNotTriedAgainOnLoopsThatStop() throws InterruptedException {
		// With loops of its own, a retry's timer would be dropped as they stop, and the call would never end.
		RpcClient client = client().ioThreads(1).build();
		CompletableFuture<String> call = client.proxy(IdempotentSleeper.class)
			.name(Greeter.class.getName())
			.address("127.0.0.1:" + this.server.port())
			.timeout(Duration.ofSeconds(20))
			.maxAttempts(5)
			.build()
			.sleep(20_000);
		assertThat(this.greeter.awaitStarted()).isTrue();

		client.close();

		await().atMost(Duration.ofSeconds(2)).until(call::isDone);
		assertThat(call).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(RpcConnectionException.class)
			.withMessageContaining("its client is closed")
			.withMessageContaining("was lost");
	}

	@Test
	void aCallWaitingForADiscoverysFirstSetFailsAsClosed() {
		RpcClient client = client().discovery("later", (name, version, listener) -> () -> {
		}).build();
		CompletableFuture<String> call = sleeper(client, "later:///greeter").sleep(1);
		assertThat(call).isNotDone();

		client.close();

		assertThat(call).failsWithin(Duration.ofSeconds(2))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(RpcConnectionException.class)
			.withMessageContaining("its client is closed");
	}

	@Test
	void aCallMadeAfterCloseFailsAtOnceAndNoProxyIsBuilt() {
		RpcClient client = client().build();
		AsyncSleeper sleeper = sleeper(client, "127.0.0.1:" + this.server.port());

		client.close();

		assertThat(sleeper.sleep(1)).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(RpcConnectionException.class)
			.withMessageContaining(".sleep")
			.withMessageContaining("its client is closed");
		assertThatIllegalStateException().isThrownBy(() -> sleeper(client, "127.0.0.1:" + this.server.port()))
			.withMessageContaining("AsyncSleeper")
			.withMessageContaining("its client is closed");
	}

	/** A discovery of one loopback endpoint at a time, which the test moves. */
	private static final class MovingDiscovery implements EndpointDiscovery {

		private final AtomicReference<Consumer<List<Endpoint>>> listener = new AtomicReference<>();

		private final int firstPort;

		MovingDiscovery(int firstPort) {
			this.firstPort = firstPort;
		}

		@Override
		public Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener) {
			this.listener.set(listener);
			listener.accept(List.of(Endpoint.of("127.0.0.1", this.firstPort)));
			return () -> {
			};
		}

		/** The service is now at {@code port} only. */
		void moveTo(int port) {
			this.listener.get().accept(List.of(Endpoint.of("127.0.0.1", port)));
		}

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static SslContext sslContext() {
		try {
			return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
