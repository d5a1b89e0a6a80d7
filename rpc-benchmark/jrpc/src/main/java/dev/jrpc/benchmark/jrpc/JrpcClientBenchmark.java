package dev.jrpc.benchmark.jrpc;

import dev.jrpc.RpcClient;
import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scenario called through jrpc proxies, with the client's defaults. One {@link RpcClient}
 * holds one connection per address, so both proxies, and every benchmark thread, share one
 * connection. Modes, iterations and threads come from the command line (run.sh); observed when
 * {@code -Djrpc.observation=metrics} is among the forks' JVM arguments ({@link BenchmarkObservations}).
 */
@State(Scope.Benchmark)
public class JrpcClientBenchmark {

	@Param("7101")
	private int port;

	private RpcClient client;

	private ScenarioClient scenario;

	@Setup
	public void connect() {
		this.client = RpcClient.builder().observationRegistry(BenchmarkObservations.fromSystemProperty()).build();
		String address = "127.0.0.1:" + this.port;
		this.scenario = new ScenarioClient(this.client.create(UserService.class, address),
				this.client.create(EchoService.class, address));
		this.scenario.verify();
	}

	@TearDown
	public void close() {
		this.client.close();
	}

	@Benchmark
	public boolean existUser() {
		return this.scenario.existUser();
	}

	@Benchmark
	public boolean createUser() {
		return this.scenario.createUser();
	}

	@Benchmark
	public User getUser() {
		return this.scenario.getUser();
	}

	@Benchmark
	public Page<User> listUser() {
		return this.scenario.listUser();
	}

	@Benchmark
	public String echoShort() {
		return this.scenario.echoShort();
	}

	@Benchmark
	public String echoLarge() {
		return this.scenario.echoLarge();
	}

}
