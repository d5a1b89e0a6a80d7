package dev.jrpc;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What both sides know of a call: the service, the method and the arguments. */
public interface RpcCall {

	/** The service name, empty for a service called by plain method names. */
	String serviceName();

	/** The service version, may be empty. */
	String version();

	/** The interface method called. */
	Method method();

	/** The JSON-RPC method name on the wire. */
	String wireName();

	/** The arguments, read-only. */
	List<@Nullable Object> arguments();

	/** The request's metadata, its {@code meta} member. */
	RpcMetadata metadata();

}
