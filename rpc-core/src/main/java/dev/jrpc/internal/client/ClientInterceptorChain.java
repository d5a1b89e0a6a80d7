package dev.jrpc.internal.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.jrpc.RpcClientInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * The client's interceptors, in order, around the cluster layer. With none, a call goes straight
 * to the cluster. An interceptor that throws fails the call with what it threw.
 */
final class ClientInterceptorChain {

	private final RpcClientInterceptor[] interceptors;

	private final Cluster cluster;

	ClientInterceptorChain(List<RpcClientInterceptor> interceptors, Cluster cluster) {
		this.interceptors = interceptors.toArray(RpcClientInterceptor[]::new);
		this.cluster = cluster;
	}

	CompletableFuture<@Nullable Object> start(OutgoingCall call) {
		return proceed(call, 0);
	}

	private CompletableFuture<@Nullable Object> proceed(OutgoingCall call, int index) {
		if (index == this.interceptors.length) {
			return this.cluster.call(call);
		}
		try {
			CompletableFuture<@Nullable Object> result = this.interceptors[index].intercept(call,
					() -> proceed(call, index + 1));
			if (result == null) {
				return CompletableFuture.failedFuture(new IllegalStateException(
						this.interceptors[index].getClass().getName() + " returned null instead of a future"));
			}
			return result;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
