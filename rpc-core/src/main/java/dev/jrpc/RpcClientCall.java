package dev.jrpc;

import java.time.Duration;

/**
 * A call as client interceptors see it, before it is sent: what is called, with which arguments,
 * its metadata, which interceptors may add to, and the time it has left.
 */
public interface RpcClientCall extends RpcCall {

	/** The request's metadata, sent as its {@code meta} member; interceptors may add to it. */
	@Override
	RpcMetadata metadata();

	/** The time left until the call's deadline; negative once it has passed. */
	Duration remainingTime();

	/** Whether the method is marked {@link Idempotent}. */
	boolean isIdempotent();

	/** Whether the method is {@link OneWay}: its future completes once the request is written. */
	boolean isOneWay();

}
