package dev.jrpc;

import org.jspecify.annotations.Nullable;

/**
 * Wraps every call a server runs, on the worker thread, just before the service method: to
 * authenticate, authorize, measure or set up a context. It may block. Interceptors run in the
 * order they were added, each around the next. To refuse a call, throw an
 * {@link RpcErrorException}: the caller gets its code and message, and the service never runs.
 * Any other exception is answered as if the service method had thrown it.
 *
 * <pre>{@code
 * RpcServerInterceptor tenantRequired = (call, next) -> {
 *     if (call.metadata().getString("tenant") == null) {
 *         throw new RpcErrorException(-32010, "A tenant is required");
 *     }
 *     return next.proceed();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RpcServerInterceptor {

	/**
	 * Runs around the call.
	 * @return what the service method returned (a {@code CompletionStage} for an asynchronous
	 * method), or a value in its place
	 */
	@Nullable Object intercept(RpcServerCall call, Next next) throws Exception;

	/** The rest of the chain, ending in the service method. */
	@FunctionalInterface
	interface Next {

		/** Runs the rest of the chain; throws what the service method threw. */
		@Nullable Object proceed() throws Exception;

	}

}
