package dev.jrpc.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

import dev.jrpc.benchmark.scenario.ScenarioCase;

/**
 * The bar issue 12 sets for jrpc, checked against a run: throughput against each peer at 32
 * threads on the UserService operations, the 256 KiB echo at both thread counts, the 4 MiB echo
 * against the floor, the p50 at 1 thread against the floor (gRPC-Java for {@code listUser}), and
 * the client's allocation per call at 1 thread. A figure that was not measured does not meet its bar.
 */
final class Bars {

	static final int MANY_THREADS = 32;

	static final int ONE_THREAD = 1;

	/** The text of the bar, for the report. */
	static final String DESCRIPTION = "From issue 12: at 32 threads every UserService operation at least 1.5× "
			+ "gRPC-Java's throughput, 1.2× both Dubbo variants' and 3× the Spring HTTP service client's; the "
			+ "256 KiB echo at least 1.0× gRPC-Java and Dubbo (fastjson2) at 1 and at 32 threads; the 4 MiB echo "
			+ "at least 0.5× the floor's MB/s; at 1 thread the p50 of `existUser`, `createUser` and `getUser` at "
			+ "most 1.2× the floor's and that of `listUser` at most gRPC-Java's; the client's bytes allocated per "
			+ "call at most 0.5× gRPC-Java's.";

	private Bars() {
	}

	static List<BarCheck> check(Results results) {
		List<BarCheck> checks = new ArrayList<>();
		List<ScenarioCase> userService = ScenarioCase.mainRun().stream().filter(ScenarioCase::isUserService).toList();
		for (ScenarioCase scenarioCase : userService) {
			checks.add(ratioAtLeast(results, scenarioCase, MANY_THREADS, SystemUnderTest.GRPC, 1.5));
			checks.add(ratioAtLeast(results, scenarioCase, MANY_THREADS, SystemUnderTest.DUBBO, 1.2));
			checks.add(ratioAtLeast(results, scenarioCase, MANY_THREADS, SystemUnderTest.DUBBO_FASTJSON2, 1.2));
			checks.add(ratioAtLeast(results, scenarioCase, MANY_THREADS, SystemUnderTest.SPRING_HTTP, 3.0));
		}
		for (int threads : List.of(ONE_THREAD, MANY_THREADS)) {
			checks.add(ratioAtLeast(results, ScenarioCase.ECHO_LARGE, threads, SystemUnderTest.GRPC, 1.0));
			checks.add(ratioAtLeast(results, ScenarioCase.ECHO_LARGE, threads, SystemUnderTest.DUBBO_FASTJSON2, 1.0));
		}
		for (int threads : List.of(ONE_THREAD, MANY_THREADS)) {
			// The same payload both sides: the ratio of MB/s is the ratio of calls.
			checks.add(ratioAtLeast(results, ScenarioCase.ECHO_4_MIB, threads, SystemUnderTest.FLOOR, 0.5));
		}
		for (ScenarioCase scenarioCase : userService) {
			boolean againstGrpc = scenarioCase == ScenarioCase.LIST_USER;
			checks.add(againstGrpc
					? atMost(results, scenarioCase, SystemUnderTest.GRPC, 1.0, "p50 at 1 thread", "µs",
							Measurement::p50Micros)
					: atMost(results, scenarioCase, SystemUnderTest.FLOOR, 1.2, "p50 at 1 thread", "µs",
							Measurement::p50Micros));
		}
		for (ScenarioCase scenarioCase : userService) {
			checks.add(atMost(results, scenarioCase, SystemUnderTest.GRPC, 0.5, "client B/call at 1 thread", "B",
					Measurement::bytesPerCall));
		}
		return checks;
	}

	private static BarCheck ratioAtLeast(Results results, ScenarioCase scenarioCase, int threads,
			SystemUnderTest peer, double bar) {
		OptionalDouble ratio = results.throughputRatio(scenarioCase, threads, peer);
		String asked = String.format(Locale.ROOT, "throughput at %d %s ≥ %.1f× %s", threads,
				(threads == 1) ? "thread" : "threads", bar, peer.label());
		return new BarCheck(asked, scenarioCase.title(),
				ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "not measured",
				ratio.isPresent() && ratio.getAsDouble() >= bar);
	}

	/** jrpc's figure at 1 thread at most {@code factor} times the peer's. */
	private static BarCheck atMost(Results results, ScenarioCase scenarioCase, SystemUnderTest peer, double factor,
			String figureName, String unit, ToDoubleFunction<Measurement> figure) {
		double ours = figure.applyAsDouble(results.get(SystemUnderTest.JRPC, scenarioCase, ONE_THREAD));
		double theirs = figure.applyAsDouble(results.get(peer, scenarioCase, ONE_THREAD));
		boolean measured = !Double.isNaN(ours) && !Double.isNaN(theirs);
		String asked = figureName + " ≤ " + ((factor == 1.0) ? "" : String.format(Locale.ROOT, "%.1f× ", factor))
				+ peer.label() + "'s";
		String measuredText = measured ? String.format(Locale.ROOT, "%s %s vs %s %s (%.2f×)", Format.number(ours),
				unit, Format.number(theirs), unit, ours / theirs) : "not measured";
		return new BarCheck(asked, scenarioCase.title(), measuredText, measured && ours <= factor * theirs);
	}

}
