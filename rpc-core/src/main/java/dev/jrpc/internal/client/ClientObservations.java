package dev.jrpc.internal.client;

import java.util.concurrent.CompletableFuture;

import dev.jrpc.RpcClientCall;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.RpcRemoteException;
import dev.jrpc.observation.DefaultRpcClientObservationConvention;
import dev.jrpc.observation.RpcClientObservationContext;
import dev.jrpc.observation.RpcClientObservationConvention;
import dev.jrpc.observation.RpcObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost client interceptor when observation is on: it observes each call, writes the trace
 * context into the request's metadata as the observation starts (a tracing handler does it), and
 * stops the observation before the caller gets the result or the failure.
 */
public final class ClientObservations implements RpcClientInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(ClientObservations.class);


	private final ObservationRegistry registry;

	private final @Nullable RpcClientObservationConvention convention;

	/** This client's own: it keeps the application codes it tags, so that clients do not share their limit. */
	private final DefaultRpcClientObservationConvention defaultConvention = new DefaultRpcClientObservationConvention();

	public ClientObservations(ObservationRegistry registry, @Nullable RpcClientObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public CompletableFuture<@Nullable Object> intercept(RpcClientCall call, Next next) {
		RpcClientObservationContext context = new RpcClientObservationContext(call);
		Observation observation;
		try {
			observation = RpcObservationDocumentation.CLIENT
				.observation(this.convention, this.defaultConvention, () -> context, this.registry)
				.start();
		}
		catch (RuntimeException ex) {
			// A handler failed: the call goes on unobserved rather than failing.
			logger.warn("Could not start the observation of a call to {}", call.wireName(), ex);
			return next.proceed();
		}
		return next.proceed().whenComplete((value, failure) -> ended(observation, context, call, failure));
	}

	/** Stops the observation with how the call ended; never throws, so the caller gets the call's own outcome. */
	private static void ended(Observation observation, RpcClientObservationContext context, RpcClientCall call,
			@Nullable Throwable failure) {
		try {
			if (call instanceof OutgoingCall outgoing) {
				ServerAddress peer = outgoing.lastServer();
				ServerAddress named = outgoing.clientMethod().observedServer();
				ServerAddress server = (named != null) ? named : peer;
				if (server != null) {
					context.setServer(server.host(), server.port());
				}
				if (peer != null) {
					context.setPeer(peer.host(), peer.port());
				}
			}
			if (failure != null) {
				Throwable cause = ReturnAdapters.unwrap(failure);
				RpcRemoteException remote = remoteCause(cause);
				if (remote != null) {
					context.setStatusCode(remote.code());
				}
				observation.error(cause);
			}
			observation.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop the observation of a call to {}", call.wireName(), ex);
		}
	}

	private static @Nullable RpcRemoteException remoteCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RpcRemoteException remote) {
				return remote;
			}
		}
		return null;
	}

}
