package dev.jrpc;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Wraps every call a client makes, before the server is chosen: to add metadata such as
 * credentials or trace context, to measure, or to fail a call before it is sent. Interceptors run
 * in the order they were added, each around the next; the last one calls the cluster, which picks
 * a server and retries.
 * <p>
 * {@link #intercept} runs on the calling thread and must not block for long; the future completes
 * on a jrpc event loop or on the client's callback executor, so callbacks attached to it must not
 * block either. It completes with the
 * method's result, or exceptionally with the exception the caller will see: an
 * {@link RpcException}, or an exception the method may rethrow.
 *
 * <pre>{@code
 * RpcClientInterceptor bearer = (call, next) -> {
 *     call.metadata().put("authorization", "Bearer " + tokens.get());
 *     return next.proceed();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RpcClientInterceptor {

	CompletableFuture<@Nullable Object> intercept(RpcClientCall call, Next next);

	/** The rest of the chain. */
	@FunctionalInterface
	interface Next {

		/** Passes the call on; may be called once. */
		CompletableFuture<@Nullable Object> proceed();

	}

}
