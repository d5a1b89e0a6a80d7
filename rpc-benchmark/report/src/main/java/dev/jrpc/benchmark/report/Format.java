package dev.jrpc.benchmark.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** How figures are written in the report: a dash for what was not measured. */
final class Format {

	private Format() {
	}

	/** A figure with three significant digits or more, grouped by thousands. */
	static String number(double value) {
		if (Double.isNaN(value)) {
			return "—";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 10) ? "%.1f" : "%.2f", value);
	}

	static String ratio(OptionalDouble ratio) {
		return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "—";
	}

}
