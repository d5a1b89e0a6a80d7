package dev.jrpc.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import dev.jrpc.RpcClient;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The connection to one server that every caller shares, and what the client knows of that
 * server's health. The connection opens on first use and reopens after a loss; concurrent callers
 * join the same attempt, so there is never more than one attempt in flight. An attempt that fails
 * puts the server in backoff ({@link ConnectionBackoff}) and another is made in the background when
 * the rest ends; one that succeeds ends the backoff. Calls in
 * flight are counted for balancing, and consecutive timeouts for ejection.
 */
final class ClientConnection {

	private final ServerAddress server;

	private final Bootstrap bootstrap;

	private final ObjectMapper mapper;

	private final Framing framing;

	private final int maxInFlight;

	private final @Nullable ClientTls tls;

	private final ConnectionSettings settings;

	private final RequestEncoder encoder;

	private volatile @Nullable ClientChannel current;

	/** The connection attempt under way, if any; guarded by this. */
	private @Nullable CompletableFuture<ClientChannel> connecting;

	/** The channel of the attempt under way, until it is open or has failed; guarded by this. */
	private @Nullable Channel opening;

	/**
	 * Completed once the attempt under way has ended and the calls waiting for it have been told:
	 * after {@link #connecting}'s own dependents have run; guarded by this.
	 */
	private @Nullable CompletableFuture<@Nullable Void> connectingTold;

	/** Consecutive failed attempts to connect; guarded by this. */
	private int connectFailures;

	private volatile long backoffUntil;

	private volatile @Nullable String lastFailure;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger consecutiveTimeouts = new AtomicInteger();

	private volatile long ejectedUntil;

	/** How many times in a row it was ejected; guarded by this. */
	private int ejections;

	/** Whether no endpoint set uses it any more: it opens no more connections. */
	private volatile boolean released;

	/** The background reconnection pending, if any; guarded by this. */
	private @Nullable ScheduledFuture<?> reconnect;

	ClientConnection(ServerAddress server, Bootstrap bootstrap, ObjectMapper mapper, ConnectionKind kind,
			ConnectionSettings settings) {
		this.server = server;
		this.bootstrap = bootstrap;
		this.mapper = mapper;
		this.framing = kind.framing();
		this.maxInFlight = kind.maxInFlight();
		this.tls = kind.tls();
		this.settings = settings;
		this.encoder = new RequestEncoder(new MessageWriter(mapper, framing, settings.maxFrameSize()));
	}

	ServerAddress server() {
		return this.server;
	}

	/** Whether a connection is open and takes calls now. */
	boolean isReady() {
		ClientChannel open = this.current;
		return open != null && open.isUsable();
	}

	/** Whether its last connection attempt failed and its rest has not ended at {@code now}. */
	boolean isInBackoff(long now) {
		return this.lastFailure != null && !isReady() && now - this.backoffUntil < 0;
	}

	long backoffUntil() {
		return this.backoffUntil;
	}

	/** Whether its last connection attempt failed: until one succeeds, it is not to be relied on. */
	boolean hasFailed() {
		return this.lastFailure != null;
	}

	/** Whether it is set aside for timing out at {@code now}. */
	boolean isEjected(long now) {
		return this.ejectedUntil != 0 && now - this.ejectedUntil < 0;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	int consecutiveTimeouts() {
		return this.consecutiveTimeouts.get();
	}

	/** Forgets its failed connections: the registry announced the server anew, so it is worth trying at once. */
	synchronized void resetBackoff() {
		this.connectFailures = 0;
		this.lastFailure = null;
		this.backoffUntil = 0;
	}

	/** Sets it aside for {@code baseNanos} times the number of ejections in a row (at most 10). */
	synchronized void eject(long now, long baseNanos) {
		this.ejections = Math.min(this.ejections + 1, 10);
		this.ejectedUntil = now + baseNanos * this.ejections;
		this.consecutiveTimeouts.set(0);
	}

	/** What is known of its health at {@code now}, for status views. */
	RpcClient.EndpointStatus status(long now) {
		String failure = this.lastFailure;
		RpcClient.EndpointState state;
		if (failure != null && !isReady()) {
			state = RpcClient.EndpointState.UNREACHABLE;
		}
		else if (isEjected(now)) {
			state = RpcClient.EndpointState.EJECTED;
		}
		else {
			state = isReady() ? RpcClient.EndpointState.CONNECTED : RpcClient.EndpointState.IDLE;
		}
		return new RpcClient.EndpointStatus(this.server.host(), this.server.port(), state,
				(state == RpcClient.EndpointState.UNREACHABLE) ? failure : null);
	}

	/** What is known of its health, for messages. */
	String describe(long now) {
		String failure = this.lastFailure;
		if (failure != null && isInBackoff(now)) {
			return this.server + " (" + failure + "; resting for another "
					+ TimeUnit.NANOSECONDS.toMillis(this.backoffUntil - now) + " ms)";
		}
		if (isEjected(now)) {
			return this.server + " (set aside after repeated timeouts)";
		}
		return this.server.toString();
	}

	/**
	 * Sends {@code call} on the open connection, or opens one first without blocking: the request
	 * is then written on the executor. {@code listener} is told the result or a
	 * {@link CallFailure}, never an exception. The caller reports its end with {@link #ended}.
	 */
	void send(OutgoingCall call, AttemptListener listener) {
		this.inFlight.incrementAndGet();
		ClientChannel open = this.current;
		if (open != null && open.isUsable()) {
			open.send(call, listener);
		}
		else {
			connectThenSend(call, listener);
		}
	}

	/**
	 * Opens the connection, then writes the call on the executor. Whichever comes first, the
	 * deadline or the sending, settles the call: a call its caller was told timed out is never
	 * sent.
	 */
	private void connectThenSend(OutgoingCall call, AttemptListener listener) {
		AtomicBoolean settled = new AtomicBoolean();
		CompletableFuture<ClientChannel> attempt = connect();
		EventLoop loop = this.bootstrap.config().group().next();
		ScheduledFuture<?> timer = loop.schedule(() -> {
			if (settled.compareAndSet(false, true)) {
				listener.attemptEnded(new CallFailure.Timeout(call.clientMethod().displayName() + " could not reach "
						+ this.server + " within " + call.timeoutMillis() + " ms", true));
			}
		}, call.deadlineNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
		attempt.whenComplete((channel, failure) -> {
			if (failure != null) {
				if (settled.compareAndSet(false, true)) {
					timer.cancel(false);
					listener.attemptEnded(new CallFailure.Connection("Could not connect to " + this.server + ": "
							+ describeFailure(failure), failure, true));
				}
				return;
			}
			this.settings.executor().execute(() -> {
				// The deadline may still win until this task settles the call: then it is never sent.
				if (settled.compareAndSet(false, true)) {
					timer.cancel(false);
					channel.send(call, listener);
				}
			});
		});
	}

	/** Counts the end of a call {@link #send sent} here, and its timeout or answer for ejection; once per call. */
	void ended(@Nullable Object outcome) {
		this.inFlight.decrementAndGet();
		if (outcome instanceof CallFailure.Timeout timeout) {
			if (!timeout.notRun()) {
				this.consecutiveTimeouts.incrementAndGet();
			}
		}
		else if (!(outcome instanceof CallFailure.Connection)) {
			if (this.consecutiveTimeouts.get() != 0) {
				this.consecutiveTimeouts.set(0);
			}
			if (this.ejections != 0 && !isEjected(this.settings.ticker().nanoTime())) {
				synchronized (this) {
					this.ejections = 0;
				}
			}
		}
	}

	/**
	 * The open connection, or the attempt to open it, joined when one is under way. The address is
	 * resolved outside the lock; a connection no set uses any more opens no more.
	 */
	CompletableFuture<ClientChannel> connect() {
		CompletableFuture<ClientChannel> result;
		synchronized (this) {
			ClientChannel open = this.current;
			if (open != null && open.isUsable()) {
				return CompletableFuture.completedFuture(open);
			}
			if (this.connecting != null) {
				return this.connecting;
			}
			if (this.released) {
				return CompletableFuture.failedFuture(new IllegalStateException("the client no longer calls this server"));
			}
			result = new CompletableFuture<>();
			this.connecting = result;
			this.connectingTold = new CompletableFuture<>();
		}
		ClientChannel handler = new ClientChannel(this.server, this.mapper, this.encoder, this.maxInFlight,
				this.settings.keepaliveTimeout(), this.settings.executor(), this.framing == Framing.LENGTH_PREFIXED);
		ChannelFuture connect;
		try {
			connect = this.bootstrap.clone()
				.handler(new ClientChannelInitializer(this.settings.firstSteps(), this.tls, this.server, this.framing,
						this.settings.maxFrameSize(), this.settings.keepaliveInterval().toNanos(), handler))
				.connect(this.settings.remoteAddress(this.server));
		}
		catch (RuntimeException ex) {
			connected(result, null, ex);
			return result;
		}
		synchronized (this) {
			if (this.connecting == result) {
				this.opening = connect.channel();
			}
		}
		if (this.released && connect.channel().isRegistered()) {
			// Let go of while the attempt started: it fails at once rather than at its timeout.
			connect.channel().close();
		}
		connect.addListener((ChannelFutureListener) (future) -> {
			SslHandler tlsHandler = future.isSuccess() ? future.channel().pipeline().get(SslHandler.class) : null;
			if (tlsHandler == null) {
				connected(result, future.isSuccess() ? handler : null, future.cause());
				return;
			}
			// Over TLS the connection is open once the handshake succeeded: a server whose certificate is
			// not trusted fails the attempt, as one that cannot be reached does.
			tlsHandler.handshakeFuture()
				.addListener((handshake) -> connected(result, handshake.isSuccess() ? handler : null,
						(handshake.cause() != null)
								? new SSLException("TLS handshake failed: " + describeFailure(handshake.cause()),
										handshake.cause())
								: null));
		});
		return result;
	}

	private void connected(CompletableFuture<ClientChannel> attempt, @Nullable ClientChannel handler,
			@Nullable Throwable failure) {
		CompletableFuture<@Nullable Void> told = null;
		synchronized (this) {
			if (this.connecting == attempt) {
				this.connecting = null;
				this.opening = null;
				told = this.connectingTold;
				this.connectingTold = null;
			}
			if (handler != null && this.released) {
				// Let go of while it opened: nobody would close it.
				handler.close();
				handler = null;
				failure = new IllegalStateException("the client no longer calls this server");
			}
			else if (handler != null) {
				cancelReconnect();
				this.current = handler;
				this.connectFailures = 0;
				this.lastFailure = null;
				this.backoffUntil = 0;
			}
			else {
				this.connectFailures++;
				this.lastFailure = describeFailure(failure);
				long delay = this.settings.backoff().delayNanos(this.connectFailures);
				this.backoffUntil = this.settings.ticker().nanoTime() + delay;
				scheduleReconnect(delay);
			}
		}
		if (handler != null) {
			attempt.complete(handler);
		}
		else {
			attempt.completeExceptionally(failure);
		}
		if (told != null) {
			told.complete(null);
		}
	}

	/**
	 * Tries again in the background once the rest ends, as gRPC's subchannels do, so that a server
	 * that comes back is used again as soon as it accepts connections, not when a call happens to
	 * pick it. One such attempt is pending at most; it runs on the executor, since resolving a host
	 * name may block. Called holding the lock.
	 */
	private void scheduleReconnect(long delayNanos) {
		if (this.released || (this.reconnect != null && !this.reconnect.isDone())) {
			return;
		}
		this.reconnect = this.bootstrap.config().group().schedule(() -> this.settings.executor().execute(() -> {
			if (!this.released && !isReady()) {
				connect();
			}
		}), delayNanos, TimeUnit.NANOSECONDS);
	}

	/** Called holding the lock. */
	private void cancelReconnect() {
		if (this.reconnect != null) {
			this.reconnect.cancel(false);
			this.reconnect = null;
		}
	}

	private static String describeFailure(@Nullable Throwable failure) {
		if (failure == null) {
			return "unknown failure";
		}
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

	private synchronized void release() {
		this.released = true;
		cancelReconnect();
	}

	/**
	 * Closes the connection, and ends an attempt to open it under way; the calls in flight and those
	 * waiting for the connection fail. Returns what completes once they have.
	 */
	CompletableFuture<?> close() {
		CompletableFuture<?> attempt = releaseAndEndAttempt();
		ClientChannel open = this.current;
		return (open != null) ? CompletableFuture.allOf(open.close(), attempt) : attempt;
	}

	/**
	 * Closes the connection once its calls in flight have ended: the server left the set. An
	 * attempt to open it under way ends now, as it would be closed once open anyway: the calls
	 * waiting for it go elsewhere. Returns what completes once it has closed.
	 */
	CompletableFuture<?> closeWhenIdle() {
		CompletableFuture<?> attempt = releaseAndEndAttempt();
		ClientChannel open = this.current;
		if (open == null) {
			return attempt;
		}
		open.closeWhenIdle();
		return CompletableFuture.allOf(open.ended(), attempt);
	}

	/**
	 * Releases the connection and closes the channel of an attempt under way, which then fails;
	 * returns what completes once its waiting calls have been told, or a completed future. A
	 * channel not registered yet cannot be closed (Netty has no loop to do it on): that attempt
	 * fails when it has connected, as the connection is released.
	 */
	private CompletableFuture<?> releaseAndEndAttempt() {
		Channel attemptChannel;
		CompletableFuture<@Nullable Void> attempt;
		synchronized (this) {
			release();
			attemptChannel = this.opening;
			attempt = this.connectingTold;
		}
		if (attemptChannel != null && attemptChannel.isRegistered()) {
			attemptChannel.close();
		}
		return (attempt != null) ? attempt : CompletableFuture.completedFuture(null);
	}

}
