package dev.jrpc.internal.client;

/** A source of {@link System#nanoTime()}-like readings, replaced in tests to control time. */
@FunctionalInterface
interface Ticker {

	Ticker SYSTEM = System::nanoTime;

	long nanoTime();

}
