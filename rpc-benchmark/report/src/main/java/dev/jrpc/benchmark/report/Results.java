package dev.jrpc.benchmark.report;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/** Every measurement of a run, found by system, case and thread count; the sweeps; the servers' memory. */
final class Results {

	private final Map<String, Measurement> measurements;

	private final SortedSet<Integer> threads;

	private final RunSettings settings;

	private final ConnectionSweep connectionSweep;

	private final RunSettings sweepSettings;

	private final Map<SystemUnderTest, ServerMemory> memory;

	Results(Map<String, Measurement> measurements, SortedSet<Integer> threads, RunSettings settings,
			ConnectionSweep connectionSweep, RunSettings sweepSettings,
			Map<SystemUnderTest, ServerMemory> memory) {
		this.measurements = Map.copyOf(measurements);
		this.threads = threads;
		this.settings = settings;
		this.connectionSweep = connectionSweep;
		this.sweepSettings = sweepSettings;
		this.memory = Map.copyOf(memory);
	}

	static String key(SystemUnderTest system, ScenarioCase scenarioCase, int threads) {
		return system.id() + "/" + scenarioCase.method() + "/" + threads;
	}

	static String connectionKey(SystemUnderTest system, ScenarioCase scenarioCase, int connections) {
		return system.id() + "/" + scenarioCase.method() + "/c" + connections;
	}

	/** The measurement, with every figure {@code NaN} when the system did not run the case. */
	Measurement get(SystemUnderTest system, ScenarioCase scenarioCase, int threads) {
		Measurement found = this.measurements.get(key(system, scenarioCase, threads));
		return (found != null) ? found : Measurement.empty(system, scenarioCase, threads);
	}

	/** jrpc's throughput divided by {@code peer}'s, when both were measured. */
	OptionalDouble throughputRatio(ScenarioCase scenarioCase, int threads, SystemUnderTest peer) {
		double ours = get(SystemUnderTest.JRPC, scenarioCase, threads).opsPerSecond();
		double theirs = get(peer, scenarioCase, threads).opsPerSecond();
		return (Double.isNaN(ours) || Double.isNaN(theirs) || theirs == 0) ? OptionalDouble.empty()
				: OptionalDouble.of(ours / theirs);
	}

	boolean has(SystemUnderTest system) {
		return this.measurements.values().stream().anyMatch((measurement) -> measurement.system() == system);
	}

	/** The thread counts measured, smallest first. */
	SortedSet<Integer> threads() {
		return this.threads;
	}

	RunSettings settings() {
		return this.settings;
	}

	/** How the sweeps ran, when they did. */
	Optional<RunSettings> sweepSettings() {
		return Optional.ofNullable(this.sweepSettings);
	}

	ConnectionSweep connectionSweep() {
		return this.connectionSweep;
	}

	/** The server's memory at the end of the 32-thread measurement, when it was recorded. */
	Optional<ServerMemory> memory(SystemUnderTest system) {
		return Optional.ofNullable(this.memory.get(system));
	}

}
