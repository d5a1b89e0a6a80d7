package dev.jrpc.benchmark.report;

import java.net.URISyntaxException;
import java.nio.file.Path;

import dev.jrpc.benchmark.scenario.ScenarioCase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JmhResultsTests {

	private final Results results = JmhResults.read(directory());

	JmhResultsTests() throws Exception {
	}

	@Test
	void throughputIsConvertedToOperationsPerSecondAndLatencyToMicroseconds() {
		Measurement grpc = this.results.get(SystemUnderTest.GRPC, ScenarioCase.GET_USER, 1);
		assertThat(grpc.opsPerSecond()).isCloseTo(2000.0, within(1e-6));
		assertThat(grpc.p50Micros()).isCloseTo(120.0, within(1e-6));
		assertThat(grpc.p99Micros()).isCloseTo(500.0, within(1e-6));
		assertThat(this.results.get(SystemUnderTest.JRPC, ScenarioCase.GET_USER, 1).opsPerSecond())
			.isCloseTo(6000.0, within(1e-6));
	}

	@Test
	void allocationComesFromTheThroughputRun() {
		assertThat(this.results.get(SystemUnderTest.JRPC, ScenarioCase.GET_USER, 1).bytesPerCall()).isEqualTo(7000.0);
	}

	@Test
	void ratioIsJrpcOverThePeerAndMissingWhenThePeerDidNotRun() {
		assertThat(this.results.throughputRatio(ScenarioCase.GET_USER, 1, SystemUnderTest.GRPC).getAsDouble())
			.isCloseTo(3.0, within(1e-9));
		assertThat(this.results.throughputRatio(ScenarioCase.GET_USER, 1, SystemUnderTest.FLOOR)).isEmpty();
	}

	@Test
	void aBarIsMetOnlyByFiguresThatWereMeasured() {
		assertThat(Bars.check(this.results)).filteredOn((check) -> check.subject().equals("getUser(id)"))
			.allSatisfy((check) -> assertThat(check.met()).isFalse())
			.anySatisfy((check) -> assertThat(check.measured()).isEqualTo("7,000 B vs 9,000 B (0.78×)"))
			.anySatisfy((check) -> assertThat(check.measured()).isEqualTo("not measured"));
	}

	@Test
	void theSweepsAndTheMemoryAreReadBesideTheMainRun() {
		assertThat(this.results.get(SystemUnderTest.JRPC, ScenarioCase.ECHO_4_MIB, 1).opsPerSecond())
			.isCloseTo(100.0, within(1e-6));
		assertThat(this.results.connectionSweep().opsPerSecond(SystemUnderTest.JRPC, ScenarioCase.GET_USER, 16))
			.isCloseTo(20_000.0, within(1e-6));
		assertThat(this.results.connectionSweep().connectionCounts()).containsExactly(16);
		assertThat(this.results.sweepSettings()).get()
			.extracting(RunSettings::iterations)
			.isEqualTo("2 × 5 s warm-up, 3 × 5 s measurement, 1 fork");
		assertThat(this.results.settings().iterations()).startsWith("1 × 1 s warm-up");
		assertThat(this.results.memory(SystemUnderTest.JRPC)).contains(new ServerMemory(20480L * 1024, 1200000L * 1024));
		assertThat(this.results.memory(SystemUnderTest.GRPC)).isEmpty();
		// The connection sweep's 32 threads are not a thread count of the main run.
		assertThat(this.results.threads()).containsExactly(1);
	}

	private static Path directory() throws URISyntaxException {
		return Path.of(JmhResultsTests.class.getResource("/results").toURI());
	}

}
