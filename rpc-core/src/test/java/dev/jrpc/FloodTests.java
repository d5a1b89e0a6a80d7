package dev.jrpc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods a server over plain sockets: a client that pipelines requests without reading the
 * answers makes the server stop reading it rather than hold the answers, and loses none of them
 * once it reads; a flood of connections that send nothing neither stops the server from serving
 * others nor stays open past the first-byte timeout. Each test prints its figures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloodTests {

	private static final String ECHO = Greeter.class.getName() + ".echo";

	/** What each pipelined request carries and its answer carries back: 8 KiB. */
	private static final String PAYLOAD = "x".repeat(8 * 1024);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private RpcServer server;

	private void start(Duration firstByteTimeout) {
		this.server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.firstByteTimeout(firstByteTimeout)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void aClientThatPipelinesWithoutReadingIsPausedAndLosesNoAnswerOnceItReads() throws Exception {
		start(RpcServer.DEFAULT_FIRST_BYTE_TIMEOUT);
		int requests = 4000;
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(64 * 1024);
			socket.setSendBufferSize(64 * 1024);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5000);
			AtomicLong written = new AtomicLong();
			CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(socket, requests, written),
					this.threads);

			// The writer stalls: the server stopped reading a client that does not read its answers.
			long[] seen = { -1 };
			Awaitility.await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> {
				long now = written.get();
				boolean stalled = now == seen[0] && now > 0;
				seen[0] = now;
				return stalled;
			});
			long stalledAt = written.get();
			long total = requestBytes(requests);
			assertThat(writing).as("the server stopped reading before all requests were sent").isNotDone();

			BitSet answered = new BitSet(requests + 1);
			int refused = read(socket, requests, answered);
			writing.get(10, TimeUnit.SECONDS);
			System.out.printf("flood: a client pipelining %d echo requests of 8 KiB (%d KiB in all) without reading was paused after"
					+ " %d KiB; once it read, all %d were answered (%d refused as busy)%n", requests, total / 1024,
					stalledAt / 1024, answered.cardinality(), refused);
			assertThat(answered.cardinality()).as("every request answered exactly once").isEqualTo(requests);
			assertThat(stalledAt).isLessThan(total / 2);
		}
	}

	private static void write(Socket socket, int requests, AtomicLong written) {
		try {
			OutputStream out = socket.getOutputStream();
			ByteBuffer batch = ByteBuffer.allocate(256 * 1024);
			for (int id = 1; id <= requests; id++) {
				byte[] body = echo(id);
				if (batch.remaining() < body.length + 4) {
					out.write(batch.array(), 0, batch.position());
					written.addAndGet(batch.position());
					batch.clear();
				}
				batch.putInt(body.length).put(body);
			}
			out.write(batch.array(), 0, batch.position());
			written.addAndGet(batch.position());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] echo(int id) {
		return request(id, ECHO, "[\"" + PAYLOAD + "\"]").getBytes(StandardCharsets.UTF_8);
	}

	private static long requestBytes(int requests) {
		long total = 0;
		for (int id = 1; id <= requests; id++) {
			total += 4 + echo(id).length;
		}
		return total;
	}

	/** Reads {@code count} answers, marking each id; returns how many were refused as busy. */
	private static int read(Socket socket, int count, BitSet answered) throws IOException {
		DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
		int refused = 0;
		for (int i = 0; i < count; i++) {
			byte[] body = new byte[in.readInt()];
			in.readFully(body);
			JsonNode answer = json.readTree(body);
			int id = answer.get("id").asInt();
			assertThat(answered.get(id)).as("id %d answered twice", id).isFalse();
			answered.set(id);
			if (answer.has("error")) {
				assertThat(answer.get("error").get("code").asInt()).isEqualTo(RpcErrorCodes.SERVER_BUSY);
				refused++;
			}
			else {
				assertThat(answer.get("result").asString()).isEqualTo(PAYLOAD);
			}
		}
		return refused;
	}

	@Test
	void aFloodOfSilentConnectionsNeitherStopsOthersNorOutlivesTheFirstByteTimeout() throws Exception {
		start(Duration.ofSeconds(1));
		int flood = 1000;
		List<Socket> sockets = new ArrayList<>(flood);
		try (RpcClient client = RpcClient.builder().timeout(Duration.ofSeconds(5)).build()) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + this.server.port());
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			CompletableFuture<long[]> calls = CompletableFuture.supplyAsync(() -> callWhileFlooding(remote, 200),
					this.threads);

			long started = System.nanoTime();
			for (int i = 0; i < flood; i++) {
				Socket socket = new Socket();
				socket.setSoTimeout(10_000);
				socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5000);
				sockets.add(socket);
			}
			long openedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			long[] latencies = calls.get(30, TimeUnit.SECONDS);

			// Each silent connection is closed by the server: its read ends.
			for (Socket socket : sockets) {
				assertThat(socket.getInputStream().read()).isEqualTo(-1);
			}
			long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.printf("flood: %d silent connections opened in %d ms, all closed by the first-byte timeout"
					+ " (1 s) %d ms after the flood began; meanwhile %d calls of another client, slowest %d ms%n", flood,
					openedMillis, closedMillis, latencies.length, max(latencies));
			assertThat(closedMillis).isLessThan(10_000);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static long[] callWhileFlooding(Greeter remote, int calls) {
		long[] millis = new long[calls];
		for (int i = 0; i < calls; i++) {
			long started = System.nanoTime();
			assertThat(remote.greet("Ada")).isEqualTo("Hello, Ada");
			millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		}
		return millis;
	}

	private static long max(long[] values) {
		long max = 0;
		for (long value : values) {
			max = Math.max(max, value);
		}
		return max;
	}

}
