package dev.jrpc.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.jrpc.internal.server.CurrentCall;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind every proxy: a remote method becomes an {@link OutgoingCall} with
 * its deadline, the smaller of the proxy's timeout and the time left to the call the current
 * thread serves, if any, and goes through the method's return adapter into the interceptor chain;
 * {@code equals}, {@code hashCode}, {@code toString} and default methods run locally.
 */
final class ProxyInvocationHandler implements InvocationHandler {

	private static final Object[] NO_ARGUMENTS = {};

	private final Class<?> type;

	private final Map<Method, ClientMethod> methods;

	private final Function<OutgoingCall, CompletableFuture<@Nullable Object>> chain;

	private final long timeoutNanos;

	private final String target;

	ProxyInvocationHandler(Class<?> type, Map<Method, ClientMethod> methods, ClientInterceptorChain chain,
			long timeoutNanos, String target) {
		this.type = type;
		this.methods = methods;
		this.chain = chain::start;
		this.timeoutNanos = timeoutNanos;
		this.target = target;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		ClientMethod remote = this.methods.get(method);
		if (remote != null) {
			long now = System.nanoTime();
			long deadline = now + this.timeoutNanos;
			long served = CurrentCall.deadline();
			boolean inherited = served != CurrentCall.NO_DEADLINE && served - deadline < 0;
			if (inherited) {
				deadline = served;
			}
			OutgoingCall call = new OutgoingCall(remote, (args != null) ? args : NO_ARGUMENTS, deadline,
					Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - now)), inherited,
					remote.returnAdapter().endsCallsAtDeadline());
			return remote.returnAdapter().invoke(call, this.chain);
		}
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "jrpc proxy for " + this.type.getName() + " at " + this.target;
			default -> throw new IllegalStateException("Unexpected method " + method);
		};
	}

}
