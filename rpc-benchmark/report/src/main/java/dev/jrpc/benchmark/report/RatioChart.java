package dev.jrpc.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import dev.jrpc.benchmark.scenario.ScenarioCase;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Draws jrpc's throughput over each peer's as grouped bars, one chart per thread count, stacked in
 * one PNG, with a line at 1 (parity).
 */
final class RatioChart {

	private static final int WIDTH = 1100;

	private static final int HEIGHT = 460;

	private RatioChart() {
	}

	static void write(Results results, Path png) throws IOException {
		List<CategoryChart> charts = new ArrayList<>();
		for (int threads : results.threads()) {
			charts.add(chart(results, threads));
		}
		String file = png.toString();
		String withoutExtension = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
		BitmapEncoder.saveBitmap(charts, charts.size(), 1, withoutExtension, BitmapFormat.PNG);
	}

	private static CategoryChart chart(Results results, int threads) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("jrpc throughput ÷ peer throughput, " + threads + ((threads == 1) ? " thread" : " threads"))
			.yAxisTitle("ratio (above 1: jrpc faster)")
			.build();
		chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
		chart.getStyler().setYAxisDecimalPattern("0.0");
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setLabelsVisible(true);
		chart.getStyler().setDecimalPattern("0.00");
		chart.getStyler().setLabelsRotation(90);
		chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
		List<String> cases = ScenarioCase.mainRun().stream().map(ScenarioCase::method).toList();
		for (SystemUnderTest peer : SystemUnderTest.PEERS) {
			List<Double> ratios = new ArrayList<>();
			for (ScenarioCase scenarioCase : ScenarioCase.mainRun()) {
				OptionalDouble ratio = results.throughputRatio(scenarioCase, threads, peer);
				ratios.add(ratio.isPresent() ? ratio.getAsDouble() : 0.0);
			}
			chart.addSeries("÷ " + peer.label(), cases, ratios);
		}
		chart.addSeries("parity", cases, cases.stream().map((each) -> 1.0).toList())
			.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
		return chart;
	}

}
