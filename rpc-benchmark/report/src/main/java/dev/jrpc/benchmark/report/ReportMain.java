package dev.jrpc.benchmark.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes {@code <out>/<yyyy-MM-dd>[-quick].md} and its PNG chart from the JMH results in
 * {@code <results>}, and prints the ratio table and the bar.
 * <p>
 * Usage: {@code java -jar report.jar <results> <out> [--quick]}
 */
public final class ReportMain {

	private ReportMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("Usage: java -jar benchmarks.jar <results directory> <report directory> [--quick]");
			System.exit(2);
		}
		Path resultsDirectory = Path.of(args[0]);
		Path reportDirectory = Path.of(args[1]);
		boolean quick = args.length > 2 && args[2].equals("--quick");

		Results results = JmhResults.read(resultsDirectory);
		List<BarCheck> checks = Bars.check(results);
		LocalDate date = LocalDate.now();
		String name = date + (quick ? "-quick" : "");
		Files.createDirectories(reportDirectory);
		Path chart = reportDirectory.resolve(name + ".png");
		RatioChart.write(results, chart);
		Path report = reportDirectory.resolve(name + ".md");
		Files.writeString(report, MarkdownReport.write(results, checks, Machine.describe(), Versions.load(), date,
				quick, chart.getFileName().toString()), StandardCharsets.UTF_8);

		System.out.println();
		System.out.println("jrpc's throughput ÷ each peer's" + (quick ? " (quick run: indicative only)" : "") + ":");
		System.out.println();
		System.out.print(MarkdownReport.ratioTable(results));
		System.out.println();
		System.out.print(MarkdownReport.barTable(checks));
		System.out.println();
		System.out.println("Report: " + report);
		System.out.println("Chart:  " + chart);
	}

}
