package dev.jrpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.BlockingGreeter;
import dev.jrpc.testing.Greeter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping a server lets the calls already running finish and answer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GracefulStopTests {

	private final BlockingGreeter greeter = new BlockingGreeter();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final RpcServer server = RpcServer.builder()
		.address("127.0.0.1")
		.port(0)
		.shutdownGracePeriod(Duration.ofSeconds(10))
		.addService(Greeter.class, this.greeter)
		.build();

	private final RpcClient client = RpcClient.builder().timeout(Duration.ofSeconds(15)).build();

	@AfterEach
	void stop() {
		this.greeter.release();
		this.threads.shutdownNow();
		this.client.close();
		this.server.stop();
	}

	@Test
	void answersACallInFlightWhenTheServerIsStopped() throws Exception {
		this.server.start();
		int port = this.server.port();
		Greeter remote = this.client.create(Greeter.class, "127.0.0.1:" + port);
		CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> remote.sleep(10_000), this.threads);
		assertThat(this.greeter.awaitStarted()).as("the call started").isTrue();

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.server::stop, this.threads);
		Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> refusesConnections(port));
		assertThat(stopping).as("the stop waits for the call in flight").isNotDone();

		this.greeter.release();
		assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("slept 10000");
		stopping.get(5, TimeUnit.SECONDS);
		assertThat(this.server.isRunning()).isFalse();
	}

	private static boolean refusesConnections(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
