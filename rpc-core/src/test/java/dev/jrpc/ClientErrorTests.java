package dev.jrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RecordingGreeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a client reports what goes wrong on its side: a request too large, a server gone or not there. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientErrorTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private RpcClient client;

	@BeforeEach
	void createClient() {
		this.client = RpcClient.builder().maxFrameSize(1024).timeout(CALL_TIMEOUT).build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void failsARequestLargerThanTheClientLimitLocallyAndSendsNothing() {
		RecordingGreeter greeter = new RecordingGreeter();
		// One worker: had the big request been sent before the small one, it would have run first.
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.workerThreads(1)
			.addService(Greeter.class, greeter)
			.build();
		server.start();
		try {
			Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + server.port());
			String big = "x".repeat(2000);
			assertThatThrownBy(() -> remote.echo(big)).isInstanceOf(RpcProtocolException.class)
				.hasMessageContaining("Greeter.echo")
				.hasMessageContaining("1024 bytes")
				.hasMessageContaining("nothing was sent");
			assertThat(remote.echo("small")).isEqualTo("small");
			assertThat(greeter.echoed()).containsExactly("small");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void failsACallInFlightWithAConnectionErrorAsSoonAsTheServerDropsTheConnection() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listener.setSoTimeout(5000);
			CompletableFuture<Integer> dropper = CompletableFuture.supplyAsync(() -> {
				try (Socket accepted = listener.accept()) {
					accepted.setSoTimeout(5000);
					InputStream in = accepted.getInputStream();
					// Read the start of the request, so that the call is surely in flight, then hang up.
					return in.readNBytes(4).length;
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + listener.getLocalPort());
			long started = System.nanoTime();
			assertThatThrownBy(() -> remote.greet("Ada")).isInstanceOf(RpcConnectionException.class)
				.hasMessageContaining("Greeter.greet")
				.hasMessageContaining("127.0.0.1:" + listener.getLocalPort());
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CALL_TIMEOUT.dividedBy(2));
			assertThat(dropper.get(5, TimeUnit.SECONDS)).isEqualTo(4);
		}
	}

	@Test
	void reportsAServerSpeakingAnotherProtocolAsSuchNotAsAResponseTooLarge() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listener.setSoTimeout(5000);
			CompletableFuture<Void> webServer = CompletableFuture.runAsync(() -> {
				try (Socket accepted = listener.accept()) {
					accepted.setSoTimeout(5000);
					java.io.DataInputStream in = new java.io.DataInputStream(accepted.getInputStream());
					in.readNBytes(in.readInt());
					accepted.getOutputStream()
						.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					// Open until the client closes it: the client must not wait for the close.
					assertThat(in.read()).isEqualTo(-1);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + listener.getLocalPort());
			assertThatThrownBy(() -> remote.greet("Ada")).isInstanceOf(RpcConnectionException.class)
				.hasMessageContaining("not a jrpc native frame")
				.hasMessageContaining("0x48 ('H')")
				.hasMessageNotContaining("larger than");
			webServer.get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void failsWithAConnectionErrorNamingTheAddressWhenNothingListens() throws IOException {
		int port = freePort();
		Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + port);
		long started = System.nanoTime();
		assertThatThrownBy(() -> remote.greet("Ada")).isInstanceOf(RpcConnectionException.class)
			.hasMessageContaining("Greeter.greet")
			.hasMessageContaining("127.0.0.1:" + port);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CALL_TIMEOUT.dividedBy(2));
	}

	@Test
	void createsAProxyForAnAddressThatIsDownAndConnectsOnFirstUseOnceItIsUp() throws IOException {
		int port = freePort();
		Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + port);
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(port)
			.addService(Greeter.class, new RecordingGreeter())
			.build();
		server.start();
		try {
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
		}
		finally {
			server.stop();
		}
	}

	/** A loopback port on which nothing listens, most likely, until someone binds it. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
