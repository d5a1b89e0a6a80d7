package dev.jrpc.internal.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcTimeoutException;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.transport.WriteBatcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * One open connection to a server, last in its pipeline: it holds the calls in flight on it by
 * id, completes each from its response, and fails every one of them at once when the connection
 * is lost, saying why.
 */
final class ClientChannel extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ClientChannel.class);

	private final ServerAddress server;

	private final ObjectMapper mapper;

	private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile @Nullable Channel channel;

	private volatile @Nullable WriteBatcher writes;

	/** Why the connection is going away, when the server or the client said so before it closed. */
	private volatile @Nullable String closeReason;

	/** Free places for calls in flight, when they are limited. */
	private final @Nullable Semaphore places;

	private final int maxInFlight;

	/**
	 * @param maxInFlight most calls in flight at once on this connection, 0 for no limit: some
	 * servers read one request at a time and lose those that come while they work
	 */
	ClientChannel(ServerAddress server, ObjectMapper mapper, int maxInFlight) {
		this.server = server;
		this.mapper = mapper;
		this.maxInFlight = maxInFlight;
		this.places = (maxInFlight > 0) ? new Semaphore(maxInFlight) : null;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		this.writes = new WriteBatcher(ctx.channel());
	}

	/** Writes a request; requests of many callers written together share one flush. */
	ChannelFuture write(ByteBuf request) {
		return this.writes.write(request);
	}

	ServerAddress server() {
		return this.server;
	}

	Channel channel() {
		return this.channel;
	}

	boolean isActive() {
		Channel current = this.channel;
		return current != null && current.isActive();
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	/**
	 * Registers a call before its request is written, so that its answer always finds it. With a
	 * limit of calls in flight, waits for a free place until {@code deadlineNanos}.
	 * @throws RpcTimeoutException when no place frees up in time
	 */
	void register(long id, PendingCall call, long deadlineNanos) {
		Semaphore places = this.places;
		if (places != null) {
			boolean acquired;
			try {
				acquired = places.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RpcConnectionException("Interrupted while waiting to call " + call.method().displayName(), ex);
			}
			if (!acquired) {
				throw new RpcTimeoutException(call.method().displayName() + " found no free place on the connection to "
						+ this.server + " within its timeout (at most " + this.maxInFlight + " calls in flight)");
			}
			call.whenComplete((outcome, failure) -> places.release());
		}
		this.calls.put(id, call);
		if (!isActive()) {
			// Lost between acquiring the connection and registering: channelInactive may have missed it.
			fail(id, lostMessage(call));
		}
	}

	/** Fails one call, if it is still waiting. */
	void fail(long id, String message, @Nullable Throwable cause) {
		fail(id, new CallFailure.Connection(message, cause));
	}

	/** Completes one call with {@code failure}, if it is still waiting. */
	void fail(long id, CallFailure failure) {
		PendingCall call = this.calls.remove(id);
		if (call != null) {
			call.complete(failure);
		}
	}

	private void fail(long id, String message) {
		fail(id, new CallFailure.Connection(message, null));
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			ResponseReader.Unmatched unmatched = ResponseReader.read(() -> ByteBufJson.parser(this.mapper, frame),
					(id) -> this.calls.remove(id), this.server);
			if (unmatched != null && unmatched.error() != null && unmatched.id() == null) {
				// An error about the connection itself, sent before the server closes it.
				this.closeReason = "the server said " + RemoteErrors.describe(unmatched.error());
				logger.warn("jrpc server {} reported: {}", this.server, RemoteErrors.describe(unmatched.error()));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.closeReason = "its response was not valid JSON-RPC (" + ex.getMessage() + ")";
			logger.warn("Closing the connection to {}: {}", this.server, this.closeReason);
			ctx.close();
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.calls.isEmpty()) {
			for (Long id : this.calls.keySet()) {
				PendingCall call = this.calls.get(id);
				if (call != null) {
					fail(id, lostMessage(call));
				}
			}
		}
		super.channelInactive(ctx);
	}

	private String lostMessage(PendingCall call) {
		String reason = this.closeReason;
		return "The connection to " + this.server + " was lost before " + call.method().displayName()
				+ " was answered" + ((reason != null) ? ": " + reason : "");
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

}
