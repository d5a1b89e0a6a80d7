package dev.jrpc.internal.client;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.jrpc.RpcClientCall;
import dev.jrpc.RpcMetadata;
import org.jspecify.annotations.Nullable;

/**
 * One call made through a proxy, from the moment its method is invoked until it ends: what is
 * called, its arguments, its metadata and its deadline, the same for every attempt.
 */
final class OutgoingCall implements RpcClientCall {

	private final ClientMethod method;

	private final @Nullable Object[] arguments;

	private final long deadlineNanos;

	private final long timeoutMillis;

	private final boolean deadlineInherited;

	private final boolean awaited;

	private @Nullable RpcMetadata metadata;

	/** The attempt under way on a connection, for a caller that ends it at its deadline. */
	private volatile @Nullable PendingCall attempt;

	/** Whether its caller stopped waiting: no attempt is made any more. */
	private volatile boolean abandoned;

	/** The server of the latest attempt, for observations. */
	private volatile @Nullable ServerAddress lastServer;

	/**
	 * @param deadlineNanos the {@link System#nanoTime()} by which the answer must come
	 * @param timeoutMillis the call's timeout in milliseconds, for messages
	 * @param deadlineInherited whether the deadline is that of the call the current thread serves,
	 * shorter than the proxy's timeout
	 * @param awaited whether a thread waits for the answer and ends the call at its deadline with
	 * {@link #abandon}, so that its attempts need no timer of their own
	 */
	OutgoingCall(ClientMethod method, @Nullable Object[] arguments, long deadlineNanos, long timeoutMillis,
			boolean deadlineInherited, boolean awaited) {
		this.method = method;
		this.arguments = arguments;
		this.deadlineNanos = deadlineNanos;
		this.timeoutMillis = timeoutMillis;
		this.deadlineInherited = deadlineInherited;
		this.awaited = awaited;
	}

	ClientMethod clientMethod() {
		return this.method;
	}

	@Nullable Object[] argumentArray() {
		return this.arguments;
	}

	long deadlineNanos() {
		return this.deadlineNanos;
	}

	long timeoutMillis() {
		return this.timeoutMillis;
	}

	boolean deadlineInherited() {
		return this.deadlineInherited;
	}

	/** Whether a thread waits for the answer and ends the call itself at its deadline. */
	boolean isAwaited() {
		return this.awaited;
	}

	/** An attempt of an awaited call was registered on a connection. */
	void attempting(PendingCall pending) {
		if (this.awaited) {
			this.attempt = pending;
		}
	}

	/** An attempt is made on {@code server}. */
	void attemptedOn(ServerAddress server) {
		this.lastServer = server;
	}

	/** The server of the latest attempt, or null when none was made. */
	@Nullable ServerAddress lastServer() {
		return this.lastServer;
	}

	boolean isAbandoned() {
		return this.abandoned;
	}

	/**
	 * The waiting caller gives up, at the deadline or interrupted: no further attempt is made, and
	 * the one under way, if any, ends now and leaves its connection. Without this, a request whose
	 * answer never comes would stay registered on its connection.
	 */
	void abandon(boolean interrupted) {
		this.abandoned = true;
		PendingCall pending = this.attempt;
		if (pending != null) {
			pending.abandon(this, interrupted);
		}
	}

	/** The metadata to send, or null when no interceptor wrote any. */
	@Nullable RpcMetadata metadataToSend() {
		RpcMetadata written = this.metadata;
		return (written != null && !written.isEmpty()) ? written : null;
	}

	@Override
	public String serviceName() {
		return this.method.serviceName();
	}

	@Override
	public String version() {
		return this.method.version();
	}

	@Override
	public Method method() {
		return this.method.remote().method();
	}

	@Override
	public String wireName() {
		return this.method.remote().wireName();
	}

	@Override
	public List<@Nullable Object> arguments() {
		return Collections.unmodifiableList(Arrays.asList(this.arguments));
	}

	@Override
	public RpcMetadata metadata() {
		RpcMetadata current = this.metadata;
		if (current == null) {
			current = RpcMetadata.create();
			this.metadata = current;
		}
		return current;
	}

	@Override
	public Duration remainingTime() {
		return Duration.ofNanos(this.deadlineNanos - System.nanoTime());
	}

	@Override
	public boolean isIdempotent() {
		return this.method.isIdempotent();
	}

	@Override
	public boolean isOneWay() {
		return this.method.isOneWay();
	}

}
