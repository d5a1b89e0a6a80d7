package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.jrpc.benchmark.scenario.ScenarioCase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON files JMH wrote ({@code -rf json}), one per system and thread count, named
 * {@code <system>-t<threads>.json}, and merges the Throughput and SampleTime entries of each case.
 */
final class JmhResults {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private JmhResults() {
	}

	static Results read(Path directory) throws IOException {
		Map<String, Measurement> measurements = new HashMap<>();
		TreeSet<Integer> threads = new TreeSet<>();
		RunSettings settings = null;
		List<Path> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.filter((file) -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		for (Path file : files) {
			Optional<SystemUnderTest> system = systemOf(file);
			if (system.isEmpty()) {
				continue;
			}
			for (JsonNode entry : mapper.readTree(file.toFile())) {
				String benchmark = entry.get("benchmark").asString();
				ScenarioCase scenarioCase = ScenarioCase.ofMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1));
				int threadCount = entry.get("threads").asInt();
				threads.add(threadCount);
				String key = Results.key(system.get(), scenarioCase, threadCount);
				Measurement measurement = measurements.getOrDefault(key,
						Measurement.empty(system.get(), scenarioCase, threadCount));
				measurements.put(key, merge(measurement, entry));
				RunSettings entrySettings = settingsOf(entry);
				if (settings == null) {
					settings = entrySettings;
				}
				else if (!settings.iterations().equals(entrySettings.iterations())) {
					throw new IllegalStateException(file + " was measured with " + entrySettings.iterations()
							+ ", other results with " + settings.iterations()
							+ "; rerun every system with the same settings (rpc-benchmark/run.sh [--quick])");
				}
			}
		}
		if (settings == null) {
			throw new IllegalStateException("No JMH results (<system>-t<threads>.json) in " + directory);
		}
		return new Results(measurements, threads, settings);
	}

	private static Optional<SystemUnderTest> systemOf(Path file) {
		String name = file.getFileName().toString();
		int threadsSuffix = name.lastIndexOf("-t");
		return (threadsSuffix < 0) ? Optional.empty() : SystemUnderTest.ofId(name.substring(0, threadsSuffix));
	}

	private static Measurement merge(Measurement measurement, JsonNode entry) {
		JsonNode primary = entry.get("primaryMetric");
		double bytesPerCall = allocatedBytesPerCall(entry.get("secondaryMetrics"));
		return switch (entry.get("mode").asString()) {
			case "thrpt" -> measurement.withThroughput(
					primary.get("score").asDouble() * perSecond(primary.get("scoreUnit").asString()), bytesPerCall);
			case "sample" -> {
				double toMicros = microseconds(primary.get("scoreUnit").asString());
				JsonNode percentiles = primary.get("scorePercentiles");
				yield measurement.withLatency(percentiles.get("50.0").asDouble() * toMicros,
						percentiles.get("99.0").asDouble() * toMicros, bytesPerCall);
			}
			default -> measurement;
		};
	}

	/** {@code -prof gc}'s normalized allocation rate; its name has carried a prefix in some JMH versions. */
	private static double allocatedBytesPerCall(JsonNode secondaryMetrics) {
		if (secondaryMetrics != null) {
			for (Map.Entry<String, JsonNode> metric : secondaryMetrics.properties()) {
				if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
					return metric.getValue().get("score").asDouble();
				}
			}
		}
		return Double.NaN;
	}

	private static double perSecond(String unit) {
		return switch (unit) {
			case "ops/s" -> 1;
			case "ops/ms" -> 1e3;
			case "ops/us" -> 1e6;
			case "ops/ns" -> 1e9;
			default -> throw new IllegalArgumentException("Unknown throughput unit " + unit);
		};
	}

	private static double microseconds(String unit) {
		return switch (unit) {
			case "s/op" -> 1e6;
			case "ms/op" -> 1e3;
			case "us/op" -> 1;
			case "ns/op" -> 1e-3;
			default -> throw new IllegalArgumentException("Unknown time unit " + unit);
		};
	}

	private static RunSettings settingsOf(JsonNode entry) {
		StringBuilder jvmArgs = new StringBuilder();
		for (JsonNode arg : entry.get("jvmArgs")) {
			jvmArgs.append((jvmArgs.length() > 0) ? " " : "").append(arg.asString());
		}
		return new RunSettings(entry.get("jmhVersion").asString(),
				entry.get("vmName").asString() + " " + entry.get("jdkVersion").asString() + " ("
						+ entry.get("vmVersion").asString() + ")",
				jvmArgs.toString(), entry.get("warmupIterations").asInt(), entry.get("warmupTime").asString(),
				entry.get("measurementIterations").asInt(), entry.get("measurementTime").asString(),
				entry.get("forks").asInt());
	}

}
