package dev.jrpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.jrpc.testing.BlockingGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a server lets the calls already running finish and answer, on every connection and in
 * both framings, while it refuses new connections. Prints its figures.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GracefulStopTests {

	private final BlockingGreeter greeter = new BlockingGreeter();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final ExecutorService callers = Executors.newFixedThreadPool(30);

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
		this.callers.shutdownNow();
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

	@Test
	void answersEveryCallInFlightOnEveryConnectionWhenTheServerIsStopped() throws Exception {
		this.server.start();
		int port = this.server.port();
		List<RpcClient> clients = new ArrayList<>();
		List<CompletableFuture<String>> calls = new ArrayList<>();
		try (RawClient raw = RawClient.connect(port)) {
			for (int c = 0; c < 3; c++) {
				RpcClient other = RpcClient.builder().timeout(Duration.ofSeconds(15)).build();
				clients.add(other);
				Greeter remote = other.create(Greeter.class, "127.0.0.1:" + port);
				for (int i = 0; i < 10; i++) {
					calls.add(CompletableFuture.supplyAsync(() -> remote.sleep(10_000), this.callers));
				}
			}
			for (int id = 1; id <= 5; id++) {
				raw.send(request(id, Greeter.class.getName() + ".sleep", "[10000]") + "\n");
			}
			int inFlight = calls.size() + 5;
			Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> this.greeter.startedCalls() == inFlight);

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.server::stop, this.threads);
			Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> refusesConnections(port));
			assertThat(stopping).as("the stop waits for the calls in flight").isNotDone();

			long released = System.nanoTime();
			this.greeter.release();
			for (CompletableFuture<String> call : calls) {
				assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("slept 10000");
			}
			for (int i = 0; i < 5; i++) {
				assertThat(raw.readJsonLine().get("result").asString()).isEqualTo("slept 10000");
			}
			stopping.get(5, TimeUnit.SECONDS);
			System.out.printf("graceful stop: %d calls in flight on 4 connections all answered; the stop ended %d ms"
					+ " after they were released%n", inFlight,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
		}
		finally {
			clients.forEach(RpcClient::close);
		}
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
