package dev.jrpc.benchmark.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.ScenarioClients;
import dev.jrpc.benchmark.scenario.User;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The scenario called through gRPC-Java's blocking stubs, with the channel's defaults but for the
 * largest message ({@link GrpcLimits}). One {@link ManagedChannel} is one HTTP/2 connection,
 * shared by both stubs and every benchmark thread; the connection sweep
 * ({@code -p connections=16}) makes that many separate channels, which the threads share out
 * ({@link ScenarioClients}).
 */
@State(Scope.Benchmark)
public class GrpcClientBenchmark {

	@Param("7102")
	private int port;

	/** Separate channels, hence connections, that the benchmark threads share. */
	@Param("1")
	private int connections;

	private final List<ManagedChannel> channels = new ArrayList<>();

	private ScenarioClients scenarios;

	@Setup
	public void connect() {
		List<ScenarioClient> scenarios = new ArrayList<>();
		for (int i = 0; i < this.connections; i++) {
			ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.port)
				.usePlaintext()
				.maxInboundMessageSize(GrpcLimits.MAX_MESSAGE_SIZE)
				.build();
			this.channels.add(channel);
			scenarios.add(new ScenarioClient(new GrpcUserServiceClient(channel), new GrpcEchoServiceClient(channel)));
		}
		this.scenarios = new ScenarioClients(scenarios);
		this.scenarios.first().verify();
	}

	@TearDown
	public void close() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	/** One benchmark thread's share of the channels. */
	@State(Scope.Thread)
	public static class Caller {

		private ScenarioClients.Caller clients;

		@Setup
		public void join(GrpcClientBenchmark benchmark, ThreadParams thread) {
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
