/** Turns the JMH results of every system into the Markdown report, the ratio chart and the ratio table. */
package dev.jrpc.benchmark.report;
