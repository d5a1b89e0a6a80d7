package dev.jrpc.benchmark.report;

/** One bar of the issue applied to one case: what was asked, what was measured, whether it is met. */
record BarCheck(String bar, String subject, String measured, boolean met) {
}
