package dev.jrpc.internal.protocol;

import java.lang.reflect.Method;
import java.util.List;

import tools.jackson.databind.JavaType;

/**
 * One method of a remote interface as both sides see it, parsed once: its wire name, its
 * parameters and its result, with every type variable of the interface resolved.
 *
 * @param method the interface method
 * @param wireName the full JSON-RPC method name, service prefix included
 * @param displayName {@code Interface.method}, for messages
 * @param parameterTypes the generic parameter types
 * @param parameterNames the parameter names ({@code arg0}... when compiled without
 * {@code -parameters})
 * @param resultType the type of the result: the return type, or {@code T} of a
 * {@code CompletableFuture<T>} or {@code CompletionStage<T>}
 * @param async whether the method returns a {@code CompletableFuture} or {@code CompletionStage}
 */
public record RemoteMethod(Method method, String wireName, String displayName, List<JavaType> parameterTypes,
		List<String> parameterNames, JavaType resultType, boolean async) {

	public int parameterCount() {
		return this.parameterTypes.size();
	}

	public boolean returnsVoid() {
		Class<?> raw = this.resultType.getRawClass();
		return raw == void.class || raw == Void.class;
	}

}
