package dev.jrpc.benchmark.floor;

import java.io.IOException;
import java.time.Duration;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.ScenarioCase;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.ScenarioEchoService;
import dev.jrpc.benchmark.scenario.ScenarioUserService;
import dev.jrpc.benchmark.scenario.UserService;

/**
 * Captures jrpc's bytes for every case, once: an in-process jrpc server, a jrpc client calling it
 * through a {@link RecordingRelay}, and one call per case, so that the floor sends and answers
 * exactly what jrpc sends and answers, whatever jrpc's encoding becomes.
 */
final class JrpcCapture {

	private JrpcCapture() {
	}

	/** The exchange of each case, indexed by {@link ScenarioCase#ordinal()}. */
	static CapturedExchange[] capture() throws IOException, InterruptedException {
		RpcServer server = RpcServer.builder()
			.address("127.0.0.1")
			.port(0)
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.addService(UserService.class, new ScenarioUserService())
			.addService(EchoService.class, new ScenarioEchoService())
			.build();
		server.start();
		try (RecordingRelay relay = new RecordingRelay(server.port()); RpcClient client = RpcClient.builder().build()) {
			String address = "127.0.0.1:" + relay.port();
			ScenarioClient scenario = new ScenarioClient(client.create(UserService.class, address),
					client.create(EchoService.class, address));
			CapturedExchange[] exchanges = new CapturedExchange[ScenarioCase.values().length];
			for (ScenarioCase scenarioCase : ScenarioCase.values()) {
				scenario.call(scenarioCase);
				exchanges[scenarioCase.ordinal()] = relay.next();
			}
			return exchanges;
		}
		finally {
			server.stop();
		}
	}

}
