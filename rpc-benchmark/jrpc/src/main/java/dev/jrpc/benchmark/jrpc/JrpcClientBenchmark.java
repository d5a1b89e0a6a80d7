package dev.jrpc.benchmark.jrpc;

import java.util.ArrayList;
import java.util.List;

import dev.jrpc.RpcClient;
import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.ScenarioClients;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The scenario called through jrpc proxies, with the client's defaults. One {@link RpcClient}
 * holds one connection per address, so both proxies, and every benchmark thread, share one
 * connection; the connection sweep ({@code -p connections=16}) makes that many separate clients,
 * which the threads share out ({@link ScenarioClients}). Modes, iterations and threads come from
 * the command line (run.sh); observed when {@code -Djrpc.observation=metrics} is among the forks'
 * JVM arguments ({@link BenchmarkObservations}).
 */
@State(Scope.Benchmark)
public class JrpcClientBenchmark {

	@Param("7101")
	private int port;

	/** Separate clients, hence connections, that the benchmark threads share. */
	@Param("1")
	private int connections;

	private final List<RpcClient> clients = new ArrayList<>();

	private ScenarioClients scenarios;

	@Setup
	public void connect() {
		String address = "127.0.0.1:" + this.port;
		List<ScenarioClient> scenarios = new ArrayList<>();
		for (int i = 0; i < this.connections; i++) {
			RpcClient client = RpcClient.builder()
				.observationRegistry(BenchmarkObservations.fromSystemProperty())
				.build();
			this.clients.add(client);
			scenarios.add(new ScenarioClient(client.create(UserService.class, address),
					client.create(EchoService.class, address)));
		}
		this.scenarios = new ScenarioClients(scenarios);
		this.scenarios.first().verify();
	}

	@TearDown
	public void close() {
		this.clients.forEach(RpcClient::close);
	}

	/** One benchmark thread's share of the clients. */
	@State(Scope.Thread)
	public static class Caller {

		private ScenarioClients.Caller clients;

		@Setup
		public void join(JrpcClientBenchmark benchmark, ThreadParams thread) {
			this.clients = benchmark.scenarios.caller(thread.getThreadIndex(), thread.getThreadCount());
		}

	}

	@Benchmark
	public boolean existUser(Caller caller) {
		return caller.clients.next().existUser();
	}

	@Benchmark
	public boolean createUser(Caller caller) {
		return caller.clients.next().createUser();
	}

	@Benchmark
	public User getUser(Caller caller) {
		return caller.clients.next().getUser();
	}

	@Benchmark
	public Page<User> listUser(Caller caller) {
		return caller.clients.next().listUser();
	}

	@Benchmark
	public String echoShort(Caller caller) {
		return caller.clients.next().echoShort();
	}

	@Benchmark
	public String echoLarge(Caller caller) {
		return caller.clients.next().echoLarge();
	}

	@Benchmark
	public String echo1Kib(Caller caller) {
		return caller.clients.next().echo1Kib();
	}

	@Benchmark
	public String echo16Kib(Caller caller) {
		return caller.clients.next().echo16Kib();
	}

	@Benchmark
	public String echo4Mib(Caller caller) {
		return caller.clients.next().echo4Mib();
	}

	@Benchmark
	public byte[] echoBytes1Mib(Caller caller) {
		return caller.clients.next().echoBytes1Mib();
	}

}
