package dev.jrpc.benchmark.report;

import java.util.Map;
import java.util.SortedSet;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/**
 * The connection sweep's throughput, by system, case and number of client connections, at the
 * sweep's one thread count.
 */
record ConnectionSweep(Map<String, Double> throughput, SortedSet<Integer> connectionCounts) {

	ConnectionSweep {
		throughput = Map.copyOf(throughput);
	}

	/** Calls per second, or {@code NaN} when not measured. */
	double opsPerSecond(SystemUnderTest system, ScenarioCase scenarioCase, int connections) {
		return this.throughput.getOrDefault(Results.connectionKey(system, scenarioCase, connections), Double.NaN);
	}

	boolean isEmpty() {
		return this.throughput.isEmpty();
	}

}
