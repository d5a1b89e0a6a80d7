package dev.jrpc.testing;

import java.time.Duration;

import dev.jrpc.OneWay;

/** A service for one-way calls and deadlines. */
public interface Events {

	@OneWay
	void record(String event);

	/** Waits until released, then answers the time the caller still had when the call started. */
	Duration remainingAtStart();

	int recorded();

}
