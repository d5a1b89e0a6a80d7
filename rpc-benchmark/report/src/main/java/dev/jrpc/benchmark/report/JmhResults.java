package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
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
 * Reads the JSON files JMH wrote ({@code -rf json}), one per system, part of the run and thread
 * count, named {@code <system>-t<threads>.json} for the main run,
 * {@code <system>-payloads-t<threads>.json} for the payload sweep and
 * {@code <system>-connections-t<threads>.json} for the connection sweep, and merges the Throughput
 * and SampleTime entries of each case; and the servers' memory, {@code <system>-memory.properties}.
 */
final class JmhResults {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String PAYLOADS = "-payloads";

	private static final String CONNECTIONS = "-connections";

	private JmhResults() {
	}

	static Results read(Path directory) throws IOException {
		Map<String, Measurement> measurements = new HashMap<>();
		Map<String, Double> connectionSweep = new HashMap<>();
		TreeSet<Integer> threads = new TreeSet<>();
		TreeSet<Integer> connectionCounts = new TreeSet<>();
		Map<SystemUnderTest, ServerMemory> memory = new EnumMap<>(SystemUnderTest.class);
		RunSettings settings = null;
		RunSettings sweepSettings = null;
		List<Path> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.sorted().toList();
		}
		for (Path file : files) {
			String name = file.getFileName().toString();
			if (name.endsWith("-memory.properties")) {
				String id = name.substring(0, name.length() - "-memory.properties".length());
				Optional<SystemUnderTest> system = SystemUnderTest.ofId(id);
				if (system.isPresent()) {
					memory.put(system.get(), ServerMemory.read(file));
				}
				continue;
			}
			int threadsSuffix = name.lastIndexOf("-t");
			if (!name.endsWith(".json") || threadsSuffix < 0) {
				continue;
			}
			String prefix = name.substring(0, threadsSuffix);
			boolean payloads = prefix.endsWith(PAYLOADS);
			boolean connections = prefix.endsWith(CONNECTIONS);
			String id = payloads ? prefix.substring(0, prefix.length() - PAYLOADS.length())
					: connections ? prefix.substring(0, prefix.length() - CONNECTIONS.length()) : prefix;
			Optional<SystemUnderTest> system = SystemUnderTest.ofId(id);
			if (system.isEmpty()) {
				continue;
			}
			for (JsonNode entry : mapper.readTree(file.toFile())) {
				String benchmark = entry.get("benchmark").asString();
				ScenarioCase scenarioCase = ScenarioCase.ofMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1));
				int threadCount = entry.get("threads").asInt();
				RunSettings entrySettings = settingsOf(entry);
				if (connections) {
					int count = entry.get("params").get("connections").asInt();
					connectionCounts.add(count);
					connectionSweep.put(Results.connectionKey(system.get(), scenarioCase, count),
							merge(Measurement.empty(system.get(), scenarioCase, threadCount), entry).opsPerSecond());
				}
				else {
					threads.add(threadCount);
					String key = Results.key(system.get(), scenarioCase, threadCount);
					Measurement measurement = measurements.getOrDefault(key,
							Measurement.empty(system.get(), scenarioCase, threadCount));
					measurements.put(key, merge(measurement, entry));
				}
				if (payloads || connections) {
					sweepSettings = sameSettings(sweepSettings, entrySettings, file);
				}
				else {
					settings = sameSettings(settings, entrySettings, file);
				}
			}
		}
		if (settings == null) {
			throw new IllegalStateException("No JMH results (<system>-t<threads>.json) in " + directory);
		}
		return new Results(measurements, threads, settings, new ConnectionSweep(connectionSweep, connectionCounts),
				sweepSettings, memory);
	}

	/** The settings every file of one part of the run shares; different ones fail the report. */
	private static RunSettings sameSettings(RunSettings known, RunSettings found, Path file) {
		if (known != null && !known.iterations().equals(found.iterations())) {
			throw new IllegalStateException(file + " was measured with " + found.iterations()
					+ ", other results of its part of the run with " + known.iterations()
					+ "; rerun every system with the same settings (rpc-benchmark/run.sh [--quick])");
		}
		return (known != null) ? known : found;
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
