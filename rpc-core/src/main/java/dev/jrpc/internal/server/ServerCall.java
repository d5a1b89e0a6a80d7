package dev.jrpc.internal.server;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcErrorException;
import dev.jrpc.RpcMetadata;
import dev.jrpc.RpcServerCall;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.RequestId;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call accepted for running, from the moment it is dispatched to the moment it is answered.
 * Every way a call can end goes through {@link #answer}, which lets only the first outcome through:
 * each request is answered exactly once, or, for a notification, counted as done once. When the
 * answer itself cannot be written, an error is sent instead; when not even that can be written,
 * the connection is closed, so that no caller is left waiting.
 */
public final class ServerCall implements RpcServerCall, CallQueue.Waiting {

	private static final Logger logger = LoggerFactory.getLogger(ServerCall.class);

	/** What a call ends with. */
	sealed interface Outcome {

		/** The method returned {@code value}. */
		record Success(@Nullable Object value) implements Outcome {
		}

		/** The service method threw {@code failure}. */
		record Thrown(Throwable failure) implements Outcome {
		}

		/** An error answered in place of a result: busy, deadline passed, refused, internal. */
		record Error(int code, String message) implements Outcome {
		}

	}

	private final InboundRequest.Call request;

	private final CallResponder responder;

	private final ConnectionPeer peer;

	private final long deadline;

	private final Runnable onAnswered;

	private final AtomicBoolean answered = new AtomicBoolean();

	/** Its observation, when the server observes calls; stopped as it is answered. */
	private ServerObservations.@Nullable Observed observation;

	ServerCall(InboundRequest.Call request, CallResponder responder, ConnectionPeer peer, long receivedNanos,
			Runnable onAnswered) {
		this.request = request;
		this.responder = responder;
		this.peer = peer;
		this.deadline = (request.timeoutMillis() >= 0) ? receivedNanos + request.timeoutMillis() * 1_000_000L
				: CurrentCall.NO_DEADLINE;
		this.onAnswered = onAnswered;
	}

	/** Observes it with {@code observation}, started; before it is queued. */
	void observe(ServerObservations.@Nullable Observed observation) {
		this.observation = observation;
	}

	ServerObservations.@Nullable Observed observation() {
		return this.observation;
	}

	ServerMethod serverMethod() {
		return this.request.method();
	}

	@Nullable Object[] argumentArray() {
		return this.request.arguments();
	}

	/** The {@link System#nanoTime()} by which the caller wants the answer, or {@link CurrentCall#NO_DEADLINE}. */
	@Override
	public long deadline() {
		return this.deadline;
	}

	boolean isPastDeadline() {
		return this.deadline != CurrentCall.NO_DEADLINE && System.nanoTime() - this.deadline > 0;
	}

	long timeoutMillis() {
		return this.request.timeoutMillis();
	}

	/**
	 * Ends the call with {@code outcome} and writes its answer; only the first outcome counts, later
	 * ones are ignored. The answer is encoded first, so that its observation stops with what the
	 * caller gets (an internal error when the result cannot be written), and before it is written.
	 * Never throws.
	 */
	void answer(Outcome outcome) {
		if (!this.answered.compareAndSet(false, true)) {
			return;
		}
		ByteBuf response = null;
		ServerObservations.Observed unstopped = this.observation;
		try {
			RequestId id = this.request.id();
			Outcome answered = outcome;
			if (!id.isAbsent()) {
				if (outcome instanceof Outcome.Success success) {
					try {
						response = this.responder.writer()
							.success(this.responder.alloc(), id, serverMethod().resultWriter(), success.value());
					}
					catch (Throwable ex) {
						answered = new Outcome.Error(RpcErrorCodes.INTERNAL_ERROR,
								"Internal error: " + resultProblem(serverMethod(), ex));
					}
				}
				if (response == null) {
					response = encodeError(id, answered);
				}
			}
			if (unstopped != null) {
				ServerObservations.Observed observed = unstopped;
				unstopped = null;
				observed.stop(answered);
			}
			if (response == null) {
				this.responder.dropped();
			}
			else {
				ByteBuf written = response;
				response = null;
				this.responder.respond(written);
			}
		}
		catch (Throwable ex) {
			if (response != null) {
				response.release();
			}
			if (unstopped != null) {
				unstopped.stop(new Outcome.Error(RpcErrorCodes.INTERNAL_ERROR, "Internal error"));
			}
			logger.warn("Could not answer {}; closing the connection so its caller does not wait",
					serverMethod().displayName(), ex);
			this.responder.abort();
		}
		finally {
			this.onAnswered.run();
		}
	}

	/** The error response for {@code outcome}, which is not a success. */
	private ByteBuf encodeError(RequestId id, Outcome outcome) {
		ServerMethod method = serverMethod();
		if (outcome instanceof Outcome.Thrown thrown) {
			Throwable failure = thrown.failure();
			if (failure instanceof RpcErrorException refusal) {
				return this.responder.writer()
					.error(this.responder.alloc(), id, refusal.code(), messageOf(refusal), null);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("{} threw {}", method.displayName(), failure.getClass().getName(), failure);
			}
			return this.responder.writer()
				.error(this.responder.alloc(), id, RpcErrorCodes.APPLICATION_ERROR, messageOf(failure),
						failure.getClass().getName());
		}
		Outcome.Error error = (Outcome.Error) outcome;
		return this.responder.writer().error(this.responder.alloc(), id, error.code(), error.message(), null);
	}

	private static String resultProblem(ServerMethod method, Throwable failure) {
		ByteBufJson.MessageTooLargeException tooLarge = ByteBufJson.findTooLarge(failure);
		if (tooLarge != null) {
			return "the result of " + method.displayName() + " is larger than the frame limit of " + tooLarge.limit()
					+ " bytes";
		}
		logger.warn("Could not write the result of {}", method.displayName(), failure);
		return "could not write the result of " + method.displayName() + ": " + messageOf(failure);
	}

	private static String messageOf(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

	@Override
	public String serviceName() {
		return serverMethod().serviceName();
	}

	@Override
	public String version() {
		return serverMethod().version();
	}

	@Override
	public Method method() {
		return serverMethod().method();
	}

	@Override
	public String wireName() {
		return serverMethod().wireName();
	}

	@Override
	public List<@Nullable Object> arguments() {
		return Collections.unmodifiableList(Arrays.asList(this.request.arguments()));
	}

	@Override
	public RpcMetadata metadata() {
		return this.request.metadata();
	}

	@Override
	public SocketAddress remoteAddress() {
		return this.peer.address();
	}

	@Override
	public List<X509Certificate> peerCertificates() {
		return this.peer.certificates();
	}

	@Override
	public Optional<Duration> remainingTime() {
		return (this.deadline == CurrentCall.NO_DEADLINE) ? Optional.empty()
				: Optional.of(Duration.ofNanos(this.deadline - System.nanoTime()));
	}

}
