package dev.jrpc;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A call as client interceptors see it, before it is sent: what is called, with which arguments,
 * its metadata (which interceptors may change) and the time it has left.
 */
public interface RpcClientCall {

	/** The service name, empty for a service called by plain method names. */
	String serviceName();

	/** The service version, may be empty. */
	String version();

	/** The interface method called. */
	Method method();

	/** The JSON-RPC method name sent. */
	String wireName();

	/** The arguments, read-only. */
	List<@Nullable Object> arguments();

	/** The request's metadata, sent as its {@code meta} member; interceptors may add to it. */
	RpcMetadata metadata();

	/** The time left until the call's deadline; negative once it has passed. */
	Duration remainingTime();

	/** Whether the method is marked {@link Idempotent}. */
	boolean isIdempotent();

	/** Whether the method is {@link OneWay}: its future completes once the request is written. */
	boolean isOneWay();

}
