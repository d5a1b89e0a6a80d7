package dev.jrpc.benchmark.report;

/** How JMH ran, as its results record it. */
record RunSettings(String jmhVersion, String jdk, String jvmArgs, int warmupIterations, String warmupTime,
		int measurementIterations, String measurementTime, int forks) {

	String iterations() {
		String forking = (this.forks == 0) ? "no fork (every benchmark of a system and thread count in one JVM)"
				: this.forks + ((this.forks == 1) ? " fork" : " forks");
		return this.warmupIterations + " × " + this.warmupTime + " warm-up, " + this.measurementIterations + " × "
				+ this.measurementTime + " measurement, " + forking;
	}

}
