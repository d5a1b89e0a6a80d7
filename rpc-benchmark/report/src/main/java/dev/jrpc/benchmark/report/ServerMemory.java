package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A server JVM's memory at the end of the 32-thread measurement, as run.sh records it in
 * {@code <system>-memory.properties}: its resident set first, then the heap in use after a full
 * collection ({@code jcmd GC.run}, then {@code GC.heap_info}).
 */
record ServerMemory(long heapAfterGcBytes, long residentBytes) {

	static ServerMemory read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return new ServerMemory(kib(properties, "heapAfterGcKiB", file) * 1024,
				kib(properties, "residentKiB", file) * 1024);
	}

	private static long kib(Properties properties, String name, Path file) {
		String value = properties.getProperty(name);
		if (value == null || !value.strip().matches("[0-9]+")) {
			throw new IllegalStateException(file + " has no whole number of KiB named " + name + ": " + value);
		}
		return Long.parseLong(value.strip());
	}

}
