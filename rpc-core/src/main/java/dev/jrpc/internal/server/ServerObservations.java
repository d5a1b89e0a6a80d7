package dev.jrpc.internal.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcErrorException;
import dev.jrpc.RpcMetadata;
import dev.jrpc.observation.DefaultRpcServerObservationConvention;
import dev.jrpc.observation.RpcObservationDocumentation;
import dev.jrpc.observation.RpcServerObservationContext;
import dev.jrpc.observation.RpcServerObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the calls a server takes when observation is on: each call's observation starts as it
 * is dispatched, continuing the caller's trace from the request's {@code meta}, is in scope on the
 * worker while the interceptors and the method run, and stops as the call is answered, before the
 * answer is written ({@link ServerCall#answer}). A request answered at once with an error (an
 * unknown method, invalid parameters, an unreadable request) is observed too, under the method
 * {@code unknown}.
 */
public final class ServerObservations {

	private static final Logger logger = LoggerFactory.getLogger(ServerObservations.class);

	private static final DefaultRpcServerObservationConvention DEFAULT = new DefaultRpcServerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RpcServerObservationConvention convention;

	public ServerObservations(ObservationRegistry registry, @Nullable RpcServerObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * The started observation of a call to {@code method}, named {@code <service>/<method>}, or
	 * null when starting it failed (a handler threw): the call goes on unobserved.
	 */
	@Nullable Observed start(ServerMethod method, RpcMetadata metadata, ConnectionPeer peer) {
		try {
			RpcServerObservationContext context = context(name(method), metadata, peer);
			return new Observed(observation(context).start(), context);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not start the observation of a call to {}", method.displayName(), ex);
			return null;
		}
	}

	/** Observes a request answered at once with {@code code}, naming no method the server runs. */
	void rejected(int code, ConnectionPeer peer) {
		answeredAtOnce(RpcServerObservationContext.UNKNOWN_METHOD, RpcMetadata.empty(), code, peer);
	}

	/** Observes a call to {@code method} refused at once with {@code code}, continuing its caller's trace. */
	void refused(ServerMethod method, RpcMetadata metadata, int code, ConnectionPeer peer) {
		answeredAtOnce(name(method), metadata, code, peer);
	}

	private void answeredAtOnce(String method, RpcMetadata metadata, int code, ConnectionPeer peer) {
		try {
			RpcServerObservationContext context = context(method, metadata, peer);
			context.setOutcome(code, null);
			observation(context).start().stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not observe a request answered with {}", code, ex);
		}
	}

	/** {@code <service>/<method>}, or the method's name alone for a service exported with plain names. */
	private static String name(ServerMethod method) {
		String service = method.serviceName();
		return service.isEmpty() ? method.method().getName() : service + "/" + method.method().getName();
	}

	private static RpcServerObservationContext context(String method, RpcMetadata metadata, ConnectionPeer peer) {
		SocketAddress local = peer.local();
		String host = (local instanceof InetSocketAddress inet) ? inet.getHostString() : String.valueOf(local);
		int port = (local instanceof InetSocketAddress inet) ? inet.getPort() : -1;
		return new RpcServerObservationContext(method, metadata, host, port);
	}

	/**
	 * The observation of {@code context}. A predicate may turn it into a no-op observation with a
	 * context of its own: the context is therefore always the one made here, never read back.
	 */
	private Observation observation(RpcServerObservationContext context) {
		return RpcObservationDocumentation.SERVER.observation(this.convention, DEFAULT, () -> context, this.registry);
	}

	/** A call's started observation and its context. */
	record Observed(Observation observation, RpcServerObservationContext context) {

		/** Opens its scope on the current thread, or returns null when a handler threw. */
		Observation.@Nullable Scope openScope() {
			try {
				return this.observation.openScope();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not open the scope of an observation", ex);
				return null;
			}
		}

		/** Closes {@code scope}; never throws, so that the call is answered whatever a handler does. */
		static void close(Observation.Scope scope) {
			try {
				scope.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not close the scope of an observation", ex);
			}
		}

		/** Stops it with how its call ended; never throws, so that the call is answered whatever a handler does. */
		void stop(ServerCall.Outcome outcome) {
			try {
				if (outcome instanceof ServerCall.Outcome.Thrown thrown) {
					Throwable failure = thrown.failure();
					if (failure instanceof RpcErrorException refusal) {
						this.context.setOutcome(refusal.code(), null);
					}
					else {
						this.context.setOutcome(RpcErrorCodes.APPLICATION_ERROR, failure.getClass().getName());
						this.observation.error(failure);
					}
				}
				else if (outcome instanceof ServerCall.Outcome.Error error) {
					this.context.setOutcome(error.code(), null);
				}
				this.observation.stop();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not stop the observation of a call", ex);
			}
		}

	}
}
