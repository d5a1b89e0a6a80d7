package dev.jrpc.benchmark.grpc;

import java.util.concurrent.TimeUnit;

import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.User;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scenario called through gRPC-Java's blocking stubs, with the channel's defaults. One
 * {@link ManagedChannel} is one HTTP/2 connection, shared by both stubs and every benchmark thread.
 */
@State(Scope.Benchmark)
public class GrpcClientBenchmark {

	@Param("7102")
	private int port;

	private ManagedChannel channel;

	private ScenarioClient scenario;

	@Setup
	public void connect() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
		this.scenario = new ScenarioClient(new GrpcUserServiceClient(this.channel),
				new GrpcEchoServiceClient(this.channel));
		this.scenario.verify();
	}

	@TearDown
	public void close() throws InterruptedException {
		this.channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
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
