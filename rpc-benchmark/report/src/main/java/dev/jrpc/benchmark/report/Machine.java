package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine the report is written on, which run.sh makes the one the run was on. */
record Machine(String cpu, long cores, String memory, String os) {

	static Machine describe() {
		List<String> cpuinfo = lines("/proc/cpuinfo");
		String cpu = cpuinfo.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse(System.getProperty("os.arch"));
		long cores = cpuinfo.stream().filter((line) -> line.startsWith("processor")).count();
		String memory = lines("/proc/meminfo").stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> String.format(Locale.ROOT, "%.1f GiB",
					Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("unknown");
		String distribution = lines("/etc/os-release").stream()
			.filter((line) -> line.startsWith("PRETTY_NAME="))
			.map((line) -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
			.findFirst()
			.orElse(System.getProperty("os.name"));
		String os = distribution + ", kernel " + System.getProperty("os.version");
		return new Machine(cpu, (cores > 0) ? cores : Runtime.getRuntime().availableProcessors(), memory, os);
	}

	private static List<String> lines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
