package dev.jrpc.internal.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.protocol.MessageWriter;
import dev.jrpc.internal.protocol.RequestId;
import dev.jrpc.internal.transport.WriteBatcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.util.TokenBuffer;

/**
 * One client connection on the server, last in its pipeline: reads each framed request on the
 * event loop, answers what cannot run at once, hands calls to the {@link CallDispatcher} and
 * writes their responses. Reading pauses while the client does not take its responses, so they
 * cannot pile up without bound.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter implements CallResponder {

	private static final Logger logger = LoggerFactory.getLogger(ServerConnection.class);

	private final RequestReader reader;

	private final CallDispatcher dispatcher;

	private final MessageWriter writer;

	private final int maxFrameSize;

	private final int maxBatchSize;

	private Channel channel;

	private WriteBatcher writes;

	/** This connection's calls waiting for a worker. */
	private final CallQueue.Lane lane = new CallQueue.Lane();

	/** Who the client is, as its calls show it; read once its first bytes came, after any TLS handshake. */
	private ConnectionPeer peer;

	/** Calls of this connection not yet answered; only touched on the event loop. */
	private int unanswered;

	private boolean inputClosed;

	/** The highest numeric request id read, for {@code rpc.goaway}; only touched on the event loop. */
	private long highestId;

	/** Whether this connection takes no more calls; only touched on the event loop. */
	private boolean goingAway;

	/**
	 * Whether the connection, sent away, has lingered long enough for the requests the client sent
	 * before it read the goaway to arrive and be refused; only touched on the event loop.
	 */
	private boolean lingered;

	/**
	 * How long a connection sent away stays open after its last answer: requests the client wrote
	 * before it read the goaway, ids taken out of order among them, still arrive and are refused as
	 * not run, rather than lost with the connection. A jrpc client closes such a connection itself
	 * once its calls have ended, well within this.
	 */
	private static final long GOAWAY_LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Duration maxConnectionAge;

	private final ReadGate gate;

	/** The timer of the connection's age, if it has a maximum; only touched on the event loop. */
	private @Nullable ScheduledFuture<?> ageTimer;

	/**
	 * @param maxConnectionAge the age after which the connection is sent away, ± 10 %; zero for
	 * never
	 * @param gate what stops and resumes reading the connection, shared with the inbound budget
	 */
	ServerConnection(RequestReader reader, CallDispatcher dispatcher, MessageWriter writer, int maxFrameSize,
			int maxBatchSize, Duration maxConnectionAge, ReadGate gate) {
		this.reader = reader;
		this.dispatcher = dispatcher;
		this.writer = writer;
		this.maxFrameSize = maxFrameSize;
		this.maxBatchSize = maxBatchSize;
		this.maxConnectionAge = maxConnectionAge;
		this.gate = gate;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		this.writes = new WriteBatcher(this.channel);
		this.peer = ConnectionPeer.of(this.channel);
		if (!this.maxConnectionAge.isZero()) {
			long age = this.maxConnectionAge.toNanos();
			long jittered = age + (long) ((ThreadLocalRandom.current().nextDouble() * 0.2 - 0.1) * age);
			this.ageTimer = this.channel.eventLoop().schedule(this::goAway, jittered, TimeUnit.NANOSECONDS);
		}
		if (this.dispatcher.isDraining()) {
			// Its first bytes came as the server began to stop, too late for the goaway sent to the others.
			goAway();
		}
	}

	/**
	 * Takes no more calls on this connection: a native connection is sent {@code rpc.goaway} naming
	 * the highest request id accepted, later requests are refused as busy (they did not run), and the
	 * connection closes when the client closes it, or once every call read before is answered and
	 * it has lingered a second (a stopping server closes it after its grace period anyway).
	 * Callable from any thread.
	 */
	void goAway() {
		if (!this.channel.eventLoop().inEventLoop()) {
			this.channel.eventLoop().execute(this::goAway);
			return;
		}
		if (this.goingAway || !this.channel.isActive()) {
			return;
		}
		this.goingAway = true;
		if (this.writer.framing() == Framing.LENGTH_PREFIXED) {
			this.writes.write(this.writer.goaway(alloc(), this.highestId));
		}
		this.channel.eventLoop().schedule(() -> {
			this.lingered = true;
			if (this.unanswered == 0) {
				closeAfterWrites();
			}
		}, GOAWAY_LINGER_NANOS, TimeUnit.NANOSECONDS);
	}

	/**
	 * Closes the connection once everything written to it so far has left, the goaway included:
	 * closing it any other way could overtake messages still queued. Callable from any thread.
	 */
	void closeAfterWrites() {
		this.writes.write(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public MessageWriter writer() {
		return this.writer;
	}

	@Override
	public ByteBufAllocator alloc() {
		return this.channel.alloc();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		if (isBatch(frame)) {
			readBatch(frame);
			return;
		}
		InboundRequest request;
		try {
			request = this.reader.read(() -> ByteBufJson.parser(this.writer.mapper(), frame));
		}
		finally {
			frame.release();
		}
		this.unanswered++;
		handle(request, this);
	}

	/**
	 * Runs a call, answers a ping or an invalid request at once, and refuses a call as busy once the
	 * connection is going away; a notification gets no answer.
	 */
	private void handle(InboundRequest request, CallResponder responder) {
		this.highestId = Math.max(this.highestId, request.id().longValue(0));
		if (request instanceof InboundRequest.Call call) {
			if (this.goingAway && !(call.id().isAbsent() && !this.dispatcher.isDraining())) {
				// A notification that arrives after an age goaway still runs: it cannot be sent again.
				this.dispatcher.refusedGoingAway(call, this.peer);
				refuse(call, responder);
			}
			else {
				this.dispatcher.dispatch(call, responder, this.peer, this.lane);
			}
		}
		else if (request instanceof InboundRequest.Ping ping) {
			if (ping.id().isAbsent()) {
				responder.dropped();
			}
			else {
				responder.respond(responder.writer().pong(alloc(), ping.id()));
			}
		}
		else if (request instanceof InboundRequest.Invalid invalid) {
			this.dispatcher.rejected(invalid.code(), this.peer);
			if (invalid.id().isAbsent()) {
				responder.dropped();
			}
			else {
				responder.respondError(invalid.id(), invalid.code(), invalid.message());
			}
		}
	}

	private static void refuse(InboundRequest.Call call, CallResponder responder) {
		if (call.id().isAbsent()) {
			responder.dropped();
		}
		else {
			responder.respondError(call.id(), RpcErrorCodes.SERVER_BUSY,
					"Server busy: this connection is going away; call again on a new one");
		}
	}

	private static boolean isBatch(ByteBuf frame) {
		for (int i = frame.readerIndex(); i < frame.writerIndex(); i++) {
			byte b = frame.getByte(i);
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return b == '[';
			}
		}
		return false;
	}

	/**
	 * A batch: its requests run concurrently and their responses go back as one array. Each element
	 * is buffered as tokens, which keeps numbers exactly as sent, and read like a single request; an
	 * empty batch or one over the limit gets one error, and nothing of it runs.
	 */
	private void readBatch(ByteBuf frame) {
		List<TokenBuffer> elements = new ArrayList<>();
		ObjectReadContext context;
		try (JsonParser parser = ByteBufJson.parser(this.writer.mapper(), frame)) {
			context = parser.objectReadContext();
			parser.nextToken();
			while (parser.nextToken() != JsonToken.END_ARRAY && elements.size() <= this.maxBatchSize) {
				TokenBuffer element = TokenBuffer.forBuffering(parser, context);
				element.copyCurrentStructure(parser);
				elements.add(element);
			}
		}
		catch (JacksonException ex) {
			InboundRequest.Invalid invalid = RequestReader.unreadable(ex);
			this.unanswered++;
			rejectWhole(invalid.id(), invalid.code(), invalid.message());
			return;
		}
		finally {
			frame.release();
		}
		this.unanswered++;
		if (elements.isEmpty()) {
			rejectWhole(RequestId.NULL, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch");
			return;
		}
		if (elements.size() > this.maxBatchSize) {
			rejectWhole(RequestId.NULL, RpcErrorCodes.INVALID_REQUEST,
					"Invalid Request: a batch of more than " + this.maxBatchSize + " requests is over the limit");
			return;
		}
		BatchResponder responder = new BatchResponder(this, elements.size());
		for (int i = 0; i < elements.size(); i++) {
			TokenBuffer element = elements.get(i);
			handle(this.reader.read(() -> element.asParser(context)), responder.slot(i));
		}
	}

	/**
	 * Writes a response to one of this connection's requests; callable from any thread. Every
	 * request read ends here exactly once, or in {@link #dropped()}.
	 */
	@Override
	public void respond(ByteBuf response) {
		this.writes.write(response).addListener((ChannelFutureListener) (future) -> answered());
	}

	/** A request that gets no response (a notification). */
	@Override
	public void dropped() {
		if (this.channel.eventLoop().inEventLoop()) {
			answered();
		}
		else {
			this.channel.eventLoop().execute(this::answered);
		}
	}

	/** Nothing can be answered: the connection closes, failing its caller's calls at once. */
	@Override
	public void abort() {
		this.channel.close();
	}

	private void answered() {
		this.unanswered--;
		if ((this.inputClosed || (this.goingAway && this.lingered)) && this.unanswered == 0) {
			closeAfterWrites();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.ageTimer != null) {
			this.ageTimer.cancel(false);
		}
		this.dispatcher.connectionClosed(this.lane);
		super.channelInactive(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent) {
			idle(ctx);
		}
		else if (evt instanceof ChannelInputShutdownReadComplete) {
			// The client sent all it will send: answer what is in flight, then close.
			this.inputClosed = true;
			if (this.unanswered == 0) {
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, evt);
	}

	/**
	 * No traffic for the idle timeout. Without a call in flight the client has no use for the
	 * connection: a native one is sent away, as at its maximum age, so that a request the client is
	 * writing just now is refused as not run rather than lost; a JSON stream is closed. A client
	 * that has not taken its responses for that long is closed too, calls or not.
	 */
	private void idle(ChannelHandlerContext ctx) {
		if (!ctx.channel().isWritable()) {
			logger.debug("Closing connection from {}: it took none of its responses for the idle timeout"
					+ " (rpc.server.idle-timeout)", ctx.channel().remoteAddress());
			ctx.close();
		}
		else if (this.unanswered == 0) {
			logger.debug("Closing idle connection from {} (rpc.server.idle-timeout)", ctx.channel().remoteAddress());
			if (this.writer.framing() == Framing.LENGTH_PREFIXED) {
				goAway();
			}
			else {
				ctx.close();
			}
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			this.gate.resume(ctx.channel(), ReadGate.Reason.BACKPRESSURE);
		}
		else {
			this.gate.pause(ctx.channel(), ReadGate.Reason.BACKPRESSURE);
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			closeWithError(ctx, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: message larger than the server's "
					+ "limit of " + this.maxFrameSize + " bytes; closing the connection");
		}
		else if (cause instanceof CorruptedFrameException) {
			closeWithError(ctx, RpcErrorCodes.PARSE_ERROR,
					"Parse error: " + cause.getMessage() + "; closing the connection");
		}
		else if (cause instanceof IOException) {
			logger.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
			ctx.close();
		}
		else {
			logger.warn("Closing connection from {} after an unexpected error", ctx.channel().remoteAddress(), cause);
			ctx.close();
		}
	}

	/**
	 * Reads nothing more, sends the error, and closes once it and every request read before it have
	 * been answered, as when the client closes its side.
	 */
	private void closeWithError(ChannelHandlerContext ctx, int code, String message) {
		logger.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), message);
		this.gate.pause(ctx.channel(), ReadGate.Reason.CLOSING);
		this.inputClosed = true;
		this.unanswered++;
		rejectWhole(RequestId.NULL, code, message);
	}

	/** Answers a message refused as a whole (a batch or a frame) with one error, observed as a request answered at once. */
	private void rejectWhole(RequestId id, int code, String message) {
		this.dispatcher.rejected(code, this.peer);
		respondError(id, code, message);
	}

}
