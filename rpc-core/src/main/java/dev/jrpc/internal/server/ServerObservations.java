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

/**
 * Observes the calls a server takes when observation is on: each call's observation starts as it
 * is dispatched, continuing the caller's trace from the request's {@code meta}, is in scope on the
 * worker while the interceptors and the method run, and stops as the call is answered, before the
 * answer is written ({@link ServerCall#answer}). A request answered at once with an error (an
 * unknown method, invalid parameters, an unreadable request) is observed too, under the method
 * {@code unknown}.
 */
public final class ServerObservations {

	private static final DefaultRpcServerObservationConvention DEFAULT = new DefaultRpcServerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RpcServerObservationConvention convention;

	public ServerObservations(ObservationRegistry registry, @Nullable RpcServerObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/** The started observation of a call to {@code method}, named {@code <service>/<method>}. */
	Observation start(ServerMethod method, RpcMetadata metadata, ConnectionPeer peer) {
		return observation(method.serviceName() + "/" + method.method().getName(), metadata, peer).start();
	}

	/** Observes a request answered at once with {@code code}, naming no method the server runs. */
	void rejected(int code, ConnectionPeer peer) {
		Observation observation = observation(RpcServerObservationContext.UNKNOWN_METHOD, RpcMetadata.empty(), peer);
		((RpcServerObservationContext) observation.getContext()).setOutcome(code, null);
		observation.start().stop();
	}

	private Observation observation(String method, RpcMetadata metadata, ConnectionPeer peer) {
		SocketAddress local = peer.local();
		String host = (local instanceof InetSocketAddress inet) ? inet.getHostString() : String.valueOf(local);
		int port = (local instanceof InetSocketAddress inet) ? inet.getPort() : -1;
		RpcServerObservationContext context = new RpcServerObservationContext(method, metadata, host, port);
		return RpcObservationDocumentation.SERVER.observation(this.convention, DEFAULT, () -> context, this.registry);
	}

	/** Stops {@code observation} with how its call ended. */
	static void stop(Observation observation, ServerCall.Outcome outcome) {
		RpcServerObservationContext context = (RpcServerObservationContext) observation.getContext();
		if (outcome instanceof ServerCall.Outcome.Thrown thrown) {
			Throwable failure = thrown.failure();
			if (failure instanceof RpcErrorException refusal) {
				context.setOutcome(refusal.code(), null);
			}
			else {
				context.setOutcome(RpcErrorCodes.APPLICATION_ERROR, failure.getClass().getName());
				observation.error(failure);
			}
		}
		else if (outcome instanceof ServerCall.Outcome.Error error) {
			context.setOutcome(error.code(), null);
		}
		observation.stop();
	}

}
