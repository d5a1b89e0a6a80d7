package dev.jrpc.internal.server;

import java.util.List;

import dev.jrpc.RpcServerInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * The server's interceptors, in order, around the service method. With none, a call goes straight
 * to the method.
 */
final class ServerInterceptorChain {

	private final RpcServerInterceptor[] interceptors;

	ServerInterceptorChain(List<RpcServerInterceptor> interceptors) {
		this.interceptors = interceptors.toArray(RpcServerInterceptor[]::new);
	}

	/** Runs the interceptors and the method; throws what the method or an interceptor threw. */
	@Nullable Object invoke(ServerCall call) throws Exception {
		return proceed(call, 0);
	}

	private @Nullable Object proceed(ServerCall call, int index) throws Exception {
		if (index == this.interceptors.length) {
			return call.serverMethod().call(call.argumentArray());
		}
		return this.interceptors[index].intercept(call, () -> proceed(call, index + 1));
	}

}
