package dev.jrpc;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** A call as server interceptors see it, just before the service method runs. */
public interface RpcServerCall {

	/** The service name, empty for a service exported with plain method names. */
	String serviceName();

	/** The service version, may be empty. */
	String version();

	/** The interface method that will run. */
	Method method();

	/** The JSON-RPC method name the caller sent. */
	String wireName();

	/** The arguments read from the request, read-only. */
	List<@Nullable Object> arguments();

	/** The request's {@code meta} member; empty when it had none. */
	RpcMetadata metadata();

	/** The caller's address. */
	SocketAddress remoteAddress();

	/** The time the caller will still wait; empty when it sent no {@code timeout}. */
	Optional<Duration> remainingTime();

}
