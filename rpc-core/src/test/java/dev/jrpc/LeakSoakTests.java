package dev.jrpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jrpc.testing.DefaultGreeter;
import dev.jrpc.testing.Greeter;
import dev.jrpc.testing.RawClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import static dev.jrpc.testing.RawClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A soak with Netty's paranoid leak detector, which tracks every buffer: a client and a server
 * exchange calls that succeed, fail, time out, carry large messages and exceed the frame limit,
 * while raw connections send garbage and half frames and hang up; afterwards no buffer may have
 * been collected unreleased. Tagged {@code leak-soak}, it runs alone in a JVM started with
 * {@code -Dio.netty.leakDetection.level=paranoid} (the {@code leak-soak} execution of this
 * module's Surefire), so that no other test's buffers are counted, for
 * {@code jrpc.soak.seconds} (5 by default; the README shows a longer run).
 */
@Tag("leak-soak")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LeakSoakTests {

	private static final Logger leakLogger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

	private static final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

	private static final int MAX_FRAME_SIZE = 256 * 1024;

	@BeforeAll
	static void watchLeaks() {
		assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
				"runs in a JVM started with -Dio.netty.leakDetection.level=paranoid (the leak-soak execution)");
		leaks.start();
		leakLogger.addAppender(leaks);
	}

	@AfterAll
	static void stopWatching() {
		leakLogger.detachAppender(leaks);
	}

	@Test
	@Order(1)
	void theDetectorReportsABufferLeftUnreleased() {
		ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(16);
		leaked.writeLong(42);
		leaked = null;
		Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
			collectGarbageAndTrack();
			return !reportedLeaks().isEmpty();
		});
		synchronized (leaks) {
			leaks.list.clear();
		}
	}

	@Test
	@Order(2)
	void aSoakOfCallsAndFaultsLeaksNoBuffer() throws Exception {
		long seconds = Long.getLong("jrpc.soak.seconds", 5);
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.maxFrameSize(MAX_FRAME_SIZE)
			.workerThreads(8)
			.addService(Greeter.class, new DefaultGreeter())
			.build();
		server.start();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		AtomicLong calls = new AtomicLong();
		AtomicLong faults = new AtomicLong();
		// One faulty connection per ten calls, so that the faults do not crowd out the calls.
		Semaphore faultPermits = new Semaphore(0);
		try (RpcClient client = RpcClient.builder().timeout(Duration.ofSeconds(5)).build()) {
			Greeter remote = client.create(Greeter.class, "127.0.0.1:" + server.port());
			Greeter impatient = client.proxy(Greeter.class)
				.address("127.0.0.1:" + server.port())
				.timeout(Duration.ofMillis(20))
				.build();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			List<CompletableFuture<Void>> workers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				long seed = i;
				workers.add(CompletableFuture.runAsync(() -> callUntil(end, seed, remote, impatient, calls, faultPermits),
						threads));
			}
			workers.add(CompletableFuture.runAsync(() -> abuseUntil(end, server.port(), faults, faultPermits), threads));
			CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(seconds + 60, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
			server.stop();
		}

		// The detector reports a leak when it finds, on a later allocation, a collected buffer unreleased.
		for (int i = 0; i < 5; i++) {
			collectGarbageAndTrack();
		}
		System.out.printf("leak soak: %d s, %d calls and %d faulty connections under the paranoid leak detector;"
				+ " %d leaks reported%n", seconds, calls.get(), faults.get(), reportedLeaks().size());
		assertThat(reportedLeaks()).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

	private static void callUntil(long end, long seed, Greeter remote, Greeter impatient, AtomicLong calls,
			Semaphore faultPermits) {
		Random random = new Random(seed);
		String large = "x".repeat(64 * 1024);
		while (System.nanoTime() - end < 0) {
			try {
				switch (random.nextInt(6)) {
					case 0 -> remote.greet("Ada");
					case 1 -> remote.greetLater("Ada").get(5, TimeUnit.SECONDS);
					case 2 -> remote.echo(large);
					case 3 -> remote.fail("on purpose");
					case 4 -> impatient.sleep(50);
					default -> remote.items(List.of(new Greeter.Item("a", 1, null)));
				}
			}
			catch (RuntimeException | ExecutionException | TimeoutException ex) {
				// Failures are part of the soak: only leaks count.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (calls.incrementAndGet() % 10 == 0) {
				faultPermits.release();
			}
		}
	}

	private static void abuseUntil(long end, int port, AtomicLong faults, Semaphore permits) {
		Random random = new Random(7);
		byte[] greet = request(1, Greeter.class.getName() + ".greet", "[\"Ada\"]").getBytes(StandardCharsets.UTF_8);
		while (System.nanoTime() - end < 0) {
			try {
				if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
					continue;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try (RawClient raw = RawClient.connect(port)) {
				switch (random.nextInt(4)) {
					case 0 -> raw.sendFrameHeader(1000).send(new byte[] { '{', '"' });
					case 1 -> {
						byte[] garbage = new byte[1 + random.nextInt(200)];
						random.nextBytes(garbage);
						raw.send(garbage);
					}
					case 2 -> raw.send(Arrays.copyOf(greet, greet.length / 2));
					default -> raw.sendFrameHeader(MAX_FRAME_SIZE + 1);
				}
			}
			catch (RuntimeException ex) {
				// The server may close first: that is what these connections are for.
			}
			faults.incrementAndGet();
		}
	}

	/** Collects garbage, then allocates, which is when the detector looks for collected buffers. */
	private static void collectGarbageAndTrack() {
		System.gc();
		for (int i = 0; i < 100; i++) {
			ByteBufAllocator.DEFAULT.directBuffer(8).release();
			ByteBufAllocator.DEFAULT.heapBuffer(8).release();
		}
	}

	private static List<ILoggingEvent> reportedLeaks() {
		List<ILoggingEvent> events;
		// The appender adds under its own lock, from whichever thread found the leak.
		synchronized (leaks) {
			events = new ArrayList<>(leaks.list);
		}
		return events.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.filter((event) -> event.getFormattedMessage().contains("LEAK"))
			.toList();
	}

}
