package dev.jrpc.benchmark.report;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	/** jrpc and gRPC-Java only: every other system's results are missing. */
	private final Results results = JmhResults.read(directory());

	MarkdownReportTests() throws Exception {
	}

	@Test
	void ratioTableHasAColumnPerPeerWithADashWhereThePeerDidNotRun() {
		String[] lines = MarkdownReport.ratioTable(this.results).split("\n");
		assertThat(lines[0]).isEqualTo("| case | threads | jrpc ops/s | ÷ gRPC-Java | ÷ Dubbo (default: hessian2) "
				+ "| ÷ Dubbo (fastjson2) | ÷ Spring HTTP service client | ÷ Netty floor |");
		assertThat(lines).filteredOn((line) -> line.startsWith("| getUser(id) | 1 |"))
			.containsExactly("| getUser(id) | 1 | 6,000 | 3.00× | — | — | — | — |");
	}

	@Test
	void reportRendersWhenSystemsAreMissing() {
		String report = MarkdownReport.write(this.results, Bars.check(this.results),
				new Machine("a CPU", 2, "1.0 GiB", "an OS"), Versions.load(), LocalDate.of(2026, 12, 3), true,
				"chart.png");
		assertThat(report).contains("| Spring HTTP service client | Spring Boot 4.")
			.contains("| Spring HTTP service client | — | — | — | — |");
	}

	@Test
	void sweepsAndMemoryHaveTablesOfTheirOwn() {
		assertThat(MarkdownReport.payloadSweep(this.results)).contains("| echo, 4 MiB | 1 | 100 | — | — | — | — | — |",
				"| echo, 4 MiB | 1 | 419 | — | — | — | — | — |", "| echo, 1 MiB byte[] | 1 | — |");
		assertThat(MarkdownReport.connectionSweep(this.results))
			.contains("| getUser(id) | 16 | 20,000 | 10,000 | 2.00× | — | — |");
		assertThat(MarkdownReport.serverMemory(this.results)).contains("| jrpc | 20.0 | 1,172 |",
				"| gRPC-Java | — | — |");
	}

	private static Path directory() throws URISyntaxException {
		return Path.of(MarkdownReportTests.class.getResource("/results").toURI());
	}

}
