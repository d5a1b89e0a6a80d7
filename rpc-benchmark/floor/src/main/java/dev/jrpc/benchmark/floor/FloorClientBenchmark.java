package dev.jrpc.benchmark.floor;

import dev.jrpc.benchmark.scenario.ScenarioCase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor of every case: jrpc's request bytes out, jrpc's response bytes back, over one
 * connection shared by every benchmark thread.
 */
@State(Scope.Benchmark)
public class FloorClientBenchmark {

	/**
	 * Captured once per JVM: a quick run makes every benchmark of a thread count in one JVM, and
	 * jrpc's bytes do not change within it.
	 */
	private static CapturedExchange[] captured;

	@Param("7104")
	private int port;

	private FloorClient client;

	@Setup
	public void connect() throws Exception {
		CapturedExchange[] exchanges = capturedExchanges();
		this.client = new FloorClient(this.port, exchanges);
		for (ScenarioCase scenarioCase : ScenarioCase.values()) {
			verify(scenarioCase, exchanges[scenarioCase.ordinal()]);
		}
	}

	private static synchronized CapturedExchange[] capturedExchanges() throws Exception {
		if (captured == null) {
			captured = JrpcCapture.capture();
		}
		return captured;
	}

	/** The answer must be jrpc's response to the case, give or take a timestamp's digits. */
	private void verify(ScenarioCase scenarioCase, CapturedExchange exchange) throws Exception {
		int size = this.client.call(scenarioCase);
		if (Math.abs(size - exchange.response().length) > 64) {
			throw new IllegalStateException("The floor server answered " + scenarioCase.method() + " with " + size
					+ " bytes, jrpc with " + exchange.response().length);
		}
	}

	@TearDown
	public void close() {
		this.client.close();
	}

	@Benchmark
	public int existUser() throws Exception {
		return this.client.call(ScenarioCase.EXIST_USER);
	}

	@Benchmark
	public int createUser() throws Exception {
		return this.client.call(ScenarioCase.CREATE_USER);
	}

	@Benchmark
	public int getUser() throws Exception {
		return this.client.call(ScenarioCase.GET_USER);
	}

	@Benchmark
	public int listUser() throws Exception {
		return this.client.call(ScenarioCase.LIST_USER);
	}

	@Benchmark
	public int echoShort() throws Exception {
		return this.client.call(ScenarioCase.ECHO_SHORT);
	}

	@Benchmark
	public int echoLarge() throws Exception {
		return this.client.call(ScenarioCase.ECHO_LARGE);
	}

	@Benchmark
	public int echo1Kib() throws Exception {
		return this.client.call(ScenarioCase.ECHO_1_KIB);
	}

	@Benchmark
	public int echo16Kib() throws Exception {
		return this.client.call(ScenarioCase.ECHO_16_KIB);
	}

	@Benchmark
	public int echo4Mib() throws Exception {
		return this.client.call(ScenarioCase.ECHO_4_MIB);
	}

	@Benchmark
	public int echoBytes1Mib() throws Exception {
		return this.client.call(ScenarioCase.ECHO_BYTES_1_MIB);
	}

}
