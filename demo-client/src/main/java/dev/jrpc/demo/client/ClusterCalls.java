package dev.jrpc.demo.client;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.jrpc.demo.api.GreetingService;
import dev.jrpc.demo.api.ServerInfoService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The cluster demo's client ({@code demo.cluster.enabled=true}): calls the servers it finds in
 * ZooKeeper steadily, from a few threads, until the file {@code demo.cluster.stop-file} appears;
 * then prints the calls made, the calls failed and the calls per server, and makes the
 * application exit with 0 when no call failed.
 */
@Component
@ConditionalOnProperty(name = "demo.cluster.enabled", havingValue = "true")
class ClusterCalls implements ApplicationRunner, ExitCodeGenerator {

	/** Failures printed in full; the others are only counted. */
	private static final int FAILURES_SHOWN = 5;

	private final ServerInfoService servers;

	private final GreetingService greetings;

	private final Path stopFile;

	private final int threads;

	private final PrintStream out = System.out;

	private final LongAdder calls = new LongAdder();

	private final AtomicInteger failed = new AtomicInteger();

	private final Map<String, LongAdder> perServer = new ConcurrentHashMap<>();

	private int exitCode = 1;

	ClusterCalls(ServerInfoService servers, GreetingService greetings,
			@Value("${demo.cluster.stop-file}") Path stopFile, @Value("${demo.cluster.threads:4}") int threads) {
		this.servers = servers;
		this.greetings = greetings;
		this.stopFile = stopFile;
		this.threads = threads;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		this.out.println("cluster client: calling the servers found in ZooKeeper from " + this.threads
				+ " threads until " + this.stopFile + " appears");
		ExecutorService callers = Executors.newFixedThreadPool(this.threads);
		for (int i = 0; i < this.threads; i++) {
			callers.execute(this::callUntilStopped);
		}
		while (!Files.exists(this.stopFile)) {
			Thread.sleep(2000);
			this.out.println("cluster client: " + summary());
		}
		callers.shutdown();
		if (!callers.awaitTermination(30, TimeUnit.SECONDS)) {
			this.out.println("cluster client: calls still running after 30 s");
			callers.shutdownNow();
		}
		this.out.println();
		this.out.println("Calls made:   " + this.calls.sum());
		this.out.println("Calls failed: " + this.failed.get());
		this.out.println("Calls per server:");
		new TreeMap<>(this.perServer).forEach((server, count) -> this.out.println("  " + server + ": " + count.sum()));
		this.exitCode = (this.failed.get() == 0 && this.calls.sum() > 0) ? 0 : 1;
	}

	private void callUntilStopped() {
		while (!Files.exists(this.stopFile)) {
			try {
				String server = this.servers.serverName();
				this.perServer.computeIfAbsent(server, (name) -> new LongAdder()).increment();
				this.greetings.greet("Ada");
				this.calls.add(2);
			}
			catch (RuntimeException ex) {
				this.calls.increment();
				if (this.failed.incrementAndGet() <= FAILURES_SHOWN) {
					this.out.println("cluster client: a call FAILED: " + ex);
				}
			}
		}
	}

	private String summary() {
		List<String> servers = new ArrayList<>();
		new TreeMap<>(this.perServer).forEach((server, count) -> servers.add(server + "=" + count.sum()));
		return this.calls.sum() + " calls, " + this.failed.get() + " failed, per server " + servers;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
