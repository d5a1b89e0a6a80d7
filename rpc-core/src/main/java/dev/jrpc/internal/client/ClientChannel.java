package dev.jrpc.internal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.jrpc.RpcException;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.transport.WriteBatcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * One open connection to a server, last in its pipeline: it sends requests, holds the calls in
 * flight on it by id, each with a timer for its deadline, and completes each from its response.
 * When the connection is lost it fails every call at once, saying why and whether the call may
 * have run. It pings the server when nothing was read for the keepalive interval and closes the
 * connection when no answer comes in time; it closes it too when the server sends what cannot be
 * read, so that a broken connection never goes on failing later calls. After the server's
 * {@code rpc.goaway} it takes no new call, and the calls above the server's last id fail as not
 * run.
 */
final class ClientChannel extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ClientChannel.class);

	private final ServerAddress server;

	private final ObjectMapper mapper;

	private final RequestEncoder encoder;

	private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final @Nullable InFlightLimit places;

	private final Duration keepaliveTimeout;

	private final Executor executor;

	private final boolean nativeFraming;

	/** The call whose response is being read, taken from {@link #calls} but not yet completed. */
	private @Nullable PendingCall reading;

	private volatile @Nullable Channel channel;

	/** Completed once the channel is gone, after its calls in flight have failed. */
	private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();

	private volatile @Nullable WriteBatcher writes;

	/** Why the connection is going away, when the server or the client said so before it closed. */
	private volatile @Nullable String closeReason;

	/** Whether the server sent {@code rpc.goaway}: no new call may be sent here. */
	private volatile boolean goingAway;

	/** Whether an answer matching no call was logged already; only touched on the event loop. */
	private boolean unknownIdLogged;

	/** The keepalive ping waiting for its answer, if any; only touched on the event loop. */
	private @Nullable PendingCall ping;

	/**
	 * @param maxInFlight most calls in flight at once on this connection, 0 for no limit: some
	 * servers read one request at a time and lose those that come while they work
	 * @param keepaliveTimeout how long a keepalive ping waits for its answer
	 * @param executor where a call that waited for a place is written, never an event loop's work
	 * @param nativeFraming whether the connection uses native frames, so that the server is jrpc
	 */
	ClientChannel(ServerAddress server, ObjectMapper mapper, RequestEncoder encoder, int maxInFlight,
			Duration keepaliveTimeout, Executor executor, boolean nativeFraming) {
		this.server = server;
		this.mapper = mapper;
		this.encoder = encoder;
		this.places = (maxInFlight > 0) ? new InFlightLimit(maxInFlight) : null;
		this.keepaliveTimeout = keepaliveTimeout;
		this.executor = executor;
		this.nativeFraming = nativeFraming;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		this.writes = new WriteBatcher(ctx.channel());
	}

	ServerAddress server() {
		return this.server;
	}

	/** Whether new calls may be sent here: open, and not sent away by the server. */
	boolean isUsable() {
		Channel current = this.channel;
		return current != null && current.isActive() && !this.goingAway;
	}

	/** Why the connection closed or is closing, or null. */
	@Nullable String closeReason() {
		return this.closeReason;
	}

	/**
	 * Sends {@code call} and tells {@code listener} how it ended: with the result or a
	 * {@link CallFailure}, never by throwing; a one-way call ends once written. With a limit of
	 * calls in flight, a call that finds no free place waits in line until its deadline, holding no
	 * thread.
	 */
	void send(OutgoingCall call, AttemptListener listener) {
		ClientMethod method = call.clientMethod();
		if (this.goingAway) {
			listener.attemptEnded(goneAway(method));
			return;
		}
		if (method.isOneWay()) {
			sendOneWay(call, listener);
			return;
		}
		InFlightLimit limit = this.places;
		if (limit == null) {
			register(call, false, listener);
		}
		else if (limit.tryTake()) {
			register(call, true, listener);
		}
		else {
			sendWhenPlaceFrees(call, limit, listener);
		}
	}

	/** Waits in line for a place, then writes the call on the executor, off the event loop. */
	private void sendWhenPlaceFrees(OutgoingCall call, InFlightLimit limit, AttemptListener listener) {
		PlaceWaiter waiter = new PlaceWaiter(call, listener);
		limit.await(waiter);
		ScheduledFuture<?> timer = this.channel.eventLoop().schedule(() -> {
			if (limit.leave(waiter)) {
				listener.attemptEnded(new CallFailure.Timeout(call.clientMethod().displayName()
						+ " found no free place on the connection to " + this.server + " within " + call.timeoutMillis()
						+ " ms (at most " + limit.max() + " calls in flight)", true));
			}
		}, call.deadlineNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
		waiter.timer(timer);
	}

	/** A call in line for a place; run once it holds one. */
	private final class PlaceWaiter implements Runnable {

		private final OutgoingCall call;

		private final AttemptListener listener;

		private volatile @Nullable ScheduledFuture<?> timer;

		private volatile boolean placed;

		PlaceWaiter(OutgoingCall call, AttemptListener listener) {
			this.call = call;
			this.listener = listener;
		}

		void timer(ScheduledFuture<?> timer) {
			this.timer = timer;
			if (this.placed) {
				timer.cancel(false);
			}
		}

		@Override
		public void run() {
			this.placed = true;
			ScheduledFuture<?> pending = this.timer;
			if (pending != null) {
				pending.cancel(false);
			}
			ClientChannel.this.executor.execute(() -> register(this.call, true, this.listener));
		}

	}

	/**
	 * Registers a call before its request is written, so that its answer always finds it, then
	 * writes it. A caller that waits for the answer ends the call itself at its deadline
	 * ({@link OutgoingCall#abandon}); any other call gets a timer, started as its request is written.
	 * @param holdsPlace whether it holds a place of the limit, given back when it ends
	 */
	private void register(OutgoingCall call, boolean holdsPlace, AttemptListener listener) {
		ClientMethod method = call.clientMethod();
		long id = this.ids.incrementAndGet();
		PendingCall pending = new PendingCall(this, id, method, holdsPlace, listener);
		this.calls.put(id, pending);
		// Known to its caller before the deadline is checked: a caller that gives up from now on finds it.
		call.attempting(pending);
		if (System.nanoTime() - call.deadlineNanos() >= 0 || call.isAbandoned()) {
			// It waited past its deadline for a connection or a place: too late to send.
			complete(id, new CallFailure.Timeout(method.displayName() + " could not be sent to " + this.server
					+ " within " + call.timeoutMillis() + " ms", true));
			return;
		}
		if (this.goingAway) {
			// Sent away between choosing the connection and registering: goAway may have missed it, and
			// the server, which never saw it, may close before it arrives.
			complete(id, goneAway(method));
			return;
		}
		if (!isActiveChannel()) {
			// Lost between choosing the connection and registering: channelInactive may have missed it.
			complete(id, lost(pending));
			return;
		}
		ByteBuf request;
		try {
			request = this.encoder.encode(this.channel.alloc(), call, id);
		}
		catch (RpcException ex) {
			complete(id, new CallFailure.Protocol(ex.getMessage(), ex.getCause()));
			return;
		}
		this.writes.write(request, call.isAwaited() ? null : () -> startTimer(pending, call)).addListener(pending);
	}

	/** The request of {@code pending} could not be written: the call did not run. */
	void writeFailed(PendingCall pending, Throwable cause) {
		complete(pending.id(), new CallFailure.Connection("Could not send " + pending.method().displayName() + " to "
				+ this.server + ": " + describe(cause), cause, true));
	}

	/**
	 * The caller of {@code pending} stopped waiting for it: it ends as timed out at its deadline, or
	 * as lost when the caller was interrupted, and its answer, if one comes, is dropped.
	 */
	void abandon(PendingCall pending, OutgoingCall call, boolean interrupted) {
		complete(pending.id(), interrupted
				? new CallFailure.Connection(call.clientMethod().displayName() + " was abandoned: its caller was interrupted",
						null, false)
				: noAnswer(call));
	}

	private CallFailure noAnswer(OutgoingCall call) {
		return new CallFailure.Timeout(call.clientMethod().displayName() + " got no answer from " + this.server
				+ " within " + call.timeoutMillis() + " ms");
	}

	private CallFailure goneAway(ClientMethod method) {
		return new CallFailure.Connection(method.displayName() + " was not sent: " + this.server
				+ " closes this connection", null, true, true);
	}

	private void sendOneWay(OutgoingCall call, AttemptListener listener) {
		ClientMethod method = call.clientMethod();
		ByteBuf request;
		try {
			request = this.encoder.encode(this.channel.alloc(), call, RequestEncoder.NO_ID);
		}
		catch (RpcException ex) {
			listener.attemptEnded(new CallFailure.Protocol(ex.getMessage(), ex.getCause()));
			return;
		}
		this.writes.write(request).addListener((ChannelFutureListener) (future) -> listener.attemptEnded(
				future.isSuccess() ? null : new CallFailure.Connection("Could not send one-way " + method.displayName()
						+ " to " + this.server + ": " + describe(future.cause()), future.cause(), true)));
	}

	private boolean isActiveChannel() {
		Channel current = this.channel;
		return current != null && current.isActive();
	}

	/** On the event loop, as the request is written: its deadline starts ticking. */
	private void startTimer(PendingCall pending, OutgoingCall call) {
		if (pending.isDone()) {
			return;
		}
		pending.timer(this.channel.eventLoop()
			.schedule(() -> complete(pending.id(), noAnswer(call)), call.deadlineNanos() - System.nanoTime(),
					TimeUnit.NANOSECONDS));
	}

	/**
	 * Removes the call {@code id}, if it is still waiting; every completion goes through here. Its
	 * place, if it holds one, is given back before it completes, so that the next call in line does
	 * not wait for the caller to wake.
	 */
	private @Nullable PendingCall take(long id) {
		PendingCall call = this.calls.remove(id);
		if (call != null) {
			call.cancelTimer();
			if (call.holdsPlace()) {
				this.places.give();
			}
		}
		return call;
	}

	/**
	 * {@link #take}, keeping the call at hand until its response is read whole. An answer that
	 * matches no call is logged once per connection: at debug level when it may have come after its
	 * caller gave up, which is normal, as a warning when its id was never sent.
	 */
	private @Nullable PendingCall takeForReading(long id) {
		PendingCall call = take(id);
		this.reading = call;
		if (call == null && !this.unknownIdLogged) {
			this.unknownIdLogged = true;
			if (id > 0 && id <= this.ids.get()) {
				logger.debug("{} answered id {} after its call had ended (timed out or abandoned); further such"
						+ " answers on this connection are not logged", this.server, id);
			}
			else {
				logger.warn("{} answered id {}, which this connection never sent; further unknown ids on this"
						+ " connection are not logged", this.server, id);
			}
		}
		return call;
	}

	private void complete(long id, CallFailure failure) {
		PendingCall call = take(id);
		if (call != null) {
			call.complete(failure);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			ResponseReader.Unmatched unmatched = ResponseReader.read(() -> ByteBufJson.parser(this.mapper, frame),
					this::takeForReading, this.server, this.nativeFraming, this.goingAway);
			if (unmatched != null) {
				readUnmatched(unmatched);
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.closeReason = "its response was not valid JSON-RPC (" + ex.getMessage() + ")";
			logger.warn("Closing the connection to {}: {}", this.server, this.closeReason);
			PendingCall unanswered = this.reading;
			if (unanswered != null) {
				unanswered.complete(new CallFailure.Protocol("The response to "
						+ ((unanswered.method() != null) ? unanswered.method().displayName() : "a keepalive ping")
						+ " from " + this.server + " could not be read: " + ex.getMessage(), ex));
			}
			ctx.close();
		}
		finally {
			PendingCall unanswered = this.reading;
			if (unanswered != null && !unanswered.isDone()) {
				unanswered.complete(new CallFailure.Protocol("The response to a call from " + this.server
						+ " could not be read", null));
			}
			this.reading = null;
			frame.release();
		}
	}

	private void readUnmatched(ResponseReader.Unmatched unmatched) {
		long lastId = unmatched.goawayLastId();
		if (lastId >= 0) {
			goAway(lastId);
		}
		else if (unmatched.error() != null && unmatched.id() == null) {
			// An error about the connection itself, sent before the server closes it.
			this.closeReason = "the server said " + RemoteErrors.describe(unmatched.error());
			logger.warn("jrpc server {} reported: {}", this.server, RemoteErrors.describe(unmatched.error()));
		}
	}

	/** The server takes no more calls here: those above {@code lastId} did not run. */
	private void goAway(long lastId) {
		this.goingAway = true;
		this.closeReason = "the server is going away";
		// Closed by this side once its calls have ended, whatever the server does.
		this.channel.eventLoop().schedule(this::closeIfIdle, 100, TimeUnit.MILLISECONDS);
		logger.debug("{} is going away after request {}", this.server, lastId);
		for (Long id : this.calls.keySet()) {
			if (id > lastId) {
				PendingCall call = this.calls.get(id);
				if (call != null && call.method() != null) {
					complete(id, new CallFailure.Connection(call.method().displayName() + " was not run: " + this.server
							+ " closes this connection", null, true, true));
				}
			}
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent && this.ping == null && !this.goingAway) {
			sendPing(ctx);
		}
		super.userEventTriggered(ctx, evt);
	}

	/** Nothing was read for the keepalive interval: asks the server whether it is still there. */
	private void sendPing(ChannelHandlerContext ctx) {
		long id = this.ids.incrementAndGet();
		PendingCall pending = new PendingCall(this, id, null, false, (outcome) -> {
			this.ping = null;
			if (!(outcome instanceof CallFailure)) {
				logger.trace("{} answered a keepalive ping", this.server);
			}
		});
		this.ping = pending;
		this.calls.put(id, pending);
		pending.timer(ctx.executor().schedule(() -> {
			if (take(id) != null) {
				this.closeReason = "no answer to a keepalive ping within " + this.keepaliveTimeout.toMillis() + " ms";
				logger.warn("Closing the connection to {}: {}", this.server, this.closeReason);
				pending.complete(new CallFailure.Timeout(this.closeReason));
				ctx.close();
			}
		}, this.keepaliveTimeout.toNanos(), TimeUnit.NANOSECONDS));
		this.writes.write(this.encoder.ping(ctx.alloc(), id));
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		for (Long id : this.calls.keySet()) {
			PendingCall call = this.calls.get(id);
			if (call != null) {
				complete(id, lost(call));
			}
		}
		super.channelInactive(ctx);
	}

	/** The failure of a call whose connection was lost: it did not run if its request never left. */
	private CallFailure lost(PendingCall call) {
		String reason = this.closeReason;
		String what = (call.method() != null) ? call.method().displayName() : "a keepalive ping";
		return new CallFailure.Connection("The connection to " + this.server + " was lost before " + what
				+ " was answered" + ((reason != null) ? ": " + reason : ""), null, !call.isWritten());
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			this.closeReason = "a response was larger than the client's frame limit (rpc.client.max-frame-size)";
		}
		else if (cause instanceof DecoderException) {
			this.closeReason = "its response could not be read (" + cause.getMessage() + ")";
		}
		else if (cause instanceof IOException) {
			this.closeReason = cause.getMessage();
		}
		else {
			this.closeReason = cause.toString();
			logger.warn("Unexpected error on the connection to {}", this.server, cause);
		}
		logger.debug("Closing the connection to {}: {}", this.server, this.closeReason);
		ctx.close();
	}

	@Override
	public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
		// After channelInactive, which failed the calls in flight, on a channel that was open.
		this.ended.complete(null);
		super.channelUnregistered(ctx);
	}

	/**
	 * Closes the connection; its calls in flight fail. Returns {@link #ended()}, which a channel
	 * never registered does not complete.
	 */
	CompletableFuture<@Nullable Void> close() {
		Channel current = this.channel;
		if (current != null) {
			current.close();
		}
		return this.ended;
	}

	/** Completes once the channel is gone and its calls in flight have failed. */
	CompletableFuture<@Nullable Void> ended() {
		return this.ended;
	}

	/** Closes the connection once its calls in flight have ended. */
	void closeWhenIdle() {
		Channel current = this.channel;
		if (current == null) {
			return;
		}
		this.goingAway = true;
		current.eventLoop().execute(this::closeIfIdle);
	}

	private void closeIfIdle() {
		if (this.calls.isEmpty()) {
			close();
		}
		else {
			this.channel.eventLoop().schedule(this::closeIfIdle, 100, TimeUnit.MILLISECONDS);
		}
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

}
