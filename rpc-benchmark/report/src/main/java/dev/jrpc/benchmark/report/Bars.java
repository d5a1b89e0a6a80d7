package dev.jrpc.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/**
 * The bar the issue sets for jrpc, checked against a run. Throughput bars are taken at 32 threads,
 * latency and allocation at 1 thread, each on the four UserService operations; a figure that was not
 * measured does not meet its bar.
 */
final class Bars {

	static final int MANY_THREADS = 32;

	static final int ONE_THREAD = 1;

	private Bars() {
	}

	static List<BarCheck> check(Results results) {
		List<BarCheck> checks = new ArrayList<>();
		for (ScenarioCase scenarioCase : ScenarioCase.values()) {
			if (scenarioCase.isUserService()) {
				checks.add(ratioAtLeast(results, scenarioCase, SystemUnderTest.GRPC, 1.3));
				checks.add(ratioAtLeast(results, scenarioCase, SystemUnderTest.DUBBO, 1.1));
				checks.add(ratioAtLeast(results, scenarioCase, SystemUnderTest.DUBBO_FASTJSON2, 1.1));
			}
		}
		checks.add(ratioAtLeast(results, ScenarioCase.ECHO_SHORT, SystemUnderTest.FLOOR, 0.7));
		for (ScenarioCase scenarioCase : ScenarioCase.values()) {
			if (scenarioCase.isUserService()) {
				checks.add(noMoreThanGrpc(results, scenarioCase, "p50 at 1 thread ≤ gRPC-Java's", "µs",
						Measurement::p50Micros));
			}
		}
		for (ScenarioCase scenarioCase : ScenarioCase.values()) {
			if (scenarioCase.isUserService()) {
				checks.add(noMoreThanGrpc(results, scenarioCase, "client B/call at 1 thread ≤ gRPC-Java's", "B",
						Measurement::bytesPerCall));
			}
		}
		return checks;
	}

	private static BarCheck ratioAtLeast(Results results, ScenarioCase scenarioCase, SystemUnderTest peer,
			double bar) {
		OptionalDouble ratio = results.throughputRatio(scenarioCase, MANY_THREADS, peer);
		String asked = String.format(Locale.ROOT, "throughput at %d threads ≥ %.1f× %s", MANY_THREADS, bar,
				peer.label());
		return new BarCheck(asked, scenarioCase.title(),
				ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "not measured",
				ratio.isPresent() && ratio.getAsDouble() >= bar);
	}

	private static BarCheck noMoreThanGrpc(Results results, ScenarioCase scenarioCase, String asked, String unit,
			java.util.function.ToDoubleFunction<Measurement> figure) {
		double ours = figure.applyAsDouble(results.get(SystemUnderTest.JRPC, scenarioCase, ONE_THREAD));
		double grpc = figure.applyAsDouble(results.get(SystemUnderTest.GRPC, scenarioCase, ONE_THREAD));
		boolean measured = !Double.isNaN(ours) && !Double.isNaN(grpc);
		String measuredText = measured ? String.format(Locale.ROOT, "%s %s vs %s %s", Format.number(ours), unit,
				Format.number(grpc), unit) : "not measured";
		return new BarCheck(asked, scenarioCase.title(), measuredText, measured && ours <= grpc);
	}

}
