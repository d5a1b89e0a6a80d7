package dev.jrpc.benchmark.report;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/**
 * What one system did on one case at one thread count: throughput from JMH's Throughput mode,
 * latency percentiles from its SampleTime mode, and allocation per call from {@code -prof gc}.
 * A figure not measured is {@link Double#NaN}.
 */
record Measurement(SystemUnderTest system, ScenarioCase scenarioCase, int threads, double opsPerSecond,
		double p50Micros, double p99Micros, double bytesPerCall) {

	Measurement withThroughput(double opsPerSecond, double bytesPerCall) {
		return new Measurement(this.system, this.scenarioCase, this.threads, opsPerSecond, this.p50Micros,
				this.p99Micros, bytesPerCall);
	}

	Measurement withLatency(double p50Micros, double p99Micros, double bytesPerCall) {
		// The Throughput mode's allocation figure, when there is one, comes from the longer steady run.
		double bytes = Double.isNaN(this.bytesPerCall) ? bytesPerCall : this.bytesPerCall;
		return new Measurement(this.system, this.scenarioCase, this.threads, this.opsPerSecond, p50Micros, p99Micros,
				bytes);
	}

	static Measurement empty(SystemUnderTest system, ScenarioCase scenarioCase, int threads) {
		return new Measurement(system, scenarioCase, threads, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
	}

}
