package dev.jrpc.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind every proxy: remote methods go to the {@link RemoteCaller} with
 * the descriptor parsed when the proxy was built; {@code equals}, {@code hashCode},
 * {@code toString} and default methods run locally.
 */
final class ProxyInvocationHandler implements InvocationHandler {

	private final Class<?> type;

	private final Map<Method, ClientMethod> methods;

	private final RemoteCaller caller;

	ProxyInvocationHandler(Class<?> type, Map<Method, ClientMethod> methods, RemoteCaller caller) {
		this.type = type;
		this.methods = methods;
		this.caller = caller;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		ClientMethod remote = this.methods.get(method);
		if (remote != null) {
			return this.caller.call(remote, (args != null) ? args : new Object[0]);
		}
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "jrpc proxy for " + this.type.getName() + " at " + this.caller.servers();
			default -> throw new IllegalStateException("Unexpected method " + method);
		};
	}

}
