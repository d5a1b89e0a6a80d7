package dev.jrpc.benchmark.jrpc;

import dev.jrpc.RpcServer;
import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.ScenarioEchoService;
import dev.jrpc.benchmark.scenario.ScenarioUserService;
import dev.jrpc.benchmark.scenario.UserService;

/**
 * Serves the scenario with jrpc on 127.0.0.1 and the port given as the only argument, with every
 * other setting at its default, until the JVM is stopped; observed when
 * {@code -Djrpc.observation=metrics} says so ({@link BenchmarkObservations}).
 */
public final class JrpcServerMain {

	private JrpcServerMain() {
	}

	public static void main(String[] args) {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(Integer.parseInt(args[0]))
			.addService(UserService.class, new ScenarioUserService())
			.addService(EchoService.class, new ScenarioEchoService())
			.observationRegistry(BenchmarkObservations.fromSystemProperty())
			.build();
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "jrpc-server-stop"));
	}

}
