package dev.jrpc.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcException;
import dev.jrpc.RpcProtocolException;
import dev.jrpc.RpcTimeoutException;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.JsonRpc;
import dev.jrpc.internal.protocol.MessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;

/**
 * Makes the calls of one proxy: picks a server, writes the request, and waits for the answer
 * until the call's deadline. Requests are written straight into a Netty buffer, and one that
 * outgrows the frame limit fails before anything is sent.
 */
final class RemoteCaller {

	/** The id of a request sent as a notification: it has none. */
	private static final long NO_ID = 0;

	private final List<ClientConnection> connections;

	private final MessageWriter writer;

	private final Duration timeout;

	private final Executor callbackExecutor;

	private final AtomicInteger next = new AtomicInteger();

	RemoteCaller(List<ClientConnection> connections, MessageWriter writer, Duration timeout,
			Executor callbackExecutor) {
		this.connections = connections;
		this.writer = writer;
		this.timeout = timeout;
		this.callbackExecutor = callbackExecutor;
	}

	List<ServerAddress> servers() {
		return this.connections.stream().map(ClientConnection::server).toList();
	}

	/**
	 * Calls {@code method} and returns its result, or a future of it for an asynchronous method.
	 * @throws Throwable an {@link RpcException}, or an exception the method may rethrow
	 */
	@Nullable Object call(ClientMethod method, @Nullable Object[] arguments) throws Throwable {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		if (method.isAsync() && !allOpen()) {
			return callWhenConnected(method, arguments, deadline);
		}
		return call(method, arguments, deadline);
	}

	/**
	 * An asynchronous call that must first open a connection: it returns at once, and the waiting
	 * for the connection happens on the callback executor, bounded by the call's deadline.
	 */
	private CompletableFuture<Object> callWhenConnected(ClientMethod method, @Nullable Object[] arguments,
			long deadline) {
		CompletableFuture<Object> result = new CompletableFuture<>();
		this.callbackExecutor.execute(() -> {
			try {
				@SuppressWarnings("unchecked")
				CompletableFuture<Object> answer = (CompletableFuture<Object>) call(method, arguments, deadline);
				answer.whenComplete((value, failure) -> {
					if (failure != null) {
						result.completeExceptionally(failure);
					}
					else {
						result.complete(value);
					}
				});
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private boolean allOpen() {
		for (ClientConnection connection : this.connections) {
			if (!connection.isOpen()) {
				return false;
			}
		}
		return true;
	}

	private @Nullable Object call(ClientMethod method, @Nullable Object[] arguments, long deadline) throws Throwable {
		ClientChannel channel = acquire(method, deadline);
		if (channel.channel().eventLoop().inEventLoop()) {
			throw new IllegalStateException("Cannot call " + method.displayName()
					+ " on a jrpc event loop thread: the call would wait for itself");
		}
		if (method.isOneWay()) {
			notify(channel, method, arguments, deadline);
			return null;
		}
		long id = channel.nextId();
		PendingCall call = new PendingCall(method);
		channel.register(id, call, deadline);
		ByteBuf request;
		try {
			request = encode(channel, method, arguments, id, deadline);
		}
		catch (RuntimeException ex) {
			channel.fail(id, new CallFailure.Protocol(ex.getMessage(), ex));
			throw ex;
		}
		channel.write(request).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				channel.fail(id, "Could not send " + method.displayName() + " to " + channel.server() + ": "
						+ future.cause().getMessage(), future.cause());
			}
		});
		if (method.isAsync()) {
			return whenAnswered(channel, id, call, deadline);
		}
		return await(channel, id, call, deadline);
	}

	private @Nullable Object await(ClientChannel channel, long id, PendingCall call, long deadline) throws Throwable {
		Object outcome;
		try {
			outcome = call.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			channel.fail(id, timeout(call, channel));
			outcome = call.join();
		}
		catch (InterruptedException ex) {
			channel.fail(id, new CallFailure.Connection("Interrupted", ex));
			Thread.currentThread().interrupt();
			throw new RpcException("Interrupted while waiting for " + call.method().displayName(), ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("a pending call never completes exceptionally", ex);
		}
		if (outcome instanceof CallFailure failure) {
			throw failure.toException();
		}
		return outcome;
	}

	/** The future an asynchronous method returns; it completes on the callback executor, never on an event loop. */
	private CompletableFuture<Object> whenAnswered(ClientChannel channel, long id, PendingCall call, long deadline) {
		CompletableFuture<Object> result = new CompletableFuture<>();
		ScheduledFuture<?> timer = channel.channel()
			.eventLoop()
			.schedule(() -> channel.fail(id, timeout(call, channel)), deadline - System.nanoTime(),
					TimeUnit.NANOSECONDS);
		call.whenComplete((outcome, ignored) -> {
			timer.cancel(false);
			this.callbackExecutor.execute(() -> {
				if (outcome instanceof CallFailure failure) {
					result.completeExceptionally(failure.toException());
				}
				else {
					result.complete(outcome);
				}
			});
		});
		return result;
	}

	/** Sends a one-way call as a notification and returns once it is written. */
	private void notify(ClientChannel channel, ClientMethod method, @Nullable Object[] arguments, long deadline) {
		ByteBuf request = encode(channel, method, arguments, NO_ID, deadline);
		ChannelFuture write = channel.write(request);
		if (!write.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
			throw new RpcTimeoutException("One-way " + method.displayName() + " could not be written to "
					+ channel.server() + " within " + this.timeout.toMillis() + " ms");
		}
		if (!write.isSuccess()) {
			throw new RpcConnectionException("Could not send one-way " + method.displayName() + " to "
					+ channel.server() + ": " + write.cause().getMessage(), write.cause());
		}
	}

	private CallFailure timeout(PendingCall call, ClientChannel channel) {
		return new CallFailure.Timeout(call.method().displayName() + " got no answer from " + channel.server()
				+ " within " + this.timeout.toMillis() + " ms");
	}

	/**
	 * An open connection to one of the servers, trying them in turn from the next in line; a server
	 * that cannot be reached is skipped while the deadline allows.
	 */
	private ClientChannel acquire(ClientMethod method, long deadline) {
		int count = this.connections.size();
		int first = (count == 1) ? 0 : Math.floorMod(this.next.getAndIncrement(), count);
		RpcConnectionException failure = null;
		for (int i = 0; i < count; i++) {
			ClientConnection connection = this.connections.get((first + i) % count);
			try {
				return connection.acquire(deadline);
			}
			catch (RpcConnectionException ex) {
				if (failure == null) {
					failure = new RpcConnectionException("Could not call " + method.displayName() + ": "
							+ ex.getMessage(), ex.getCause());
				}
				else {
					failure.addSuppressed(ex);
				}
			}
			catch (RpcTimeoutException ex) {
				throw new RpcTimeoutException(method.displayName() + ": " + ex.getMessage());
			}
		}
		throw failure;
	}

	/**
	 * The request, written straight into a buffer; {@link #NO_ID} makes it a notification. Its
	 * {@code timeout} member tells the server how long the caller will still wait.
	 */
	private ByteBuf encode(ClientChannel channel, ClientMethod method, @Nullable Object[] arguments, long id,
			long deadline) {
		long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		try {
			return this.writer.write(channel.channel().alloc(), (generator) -> {
				generator.writeStartObject();
				generator.writeName(JsonRpc.JSONRPC_NAME);
				generator.writeString(JsonRpc.VERSION_VALUE);
				if (id != NO_ID) {
					generator.writeName(JsonRpc.ID_NAME);
					generator.writeNumber(id);
				}
				generator.writeName(JsonRpc.METHOD_NAME);
				generator.writeString(method.wireName());
				generator.writeName(JsonRpc.PARAMS_NAME);
				generator.writeStartArray();
				for (int i = 0; i < method.parameterCount(); i++) {
					method.parameterWriter(i).writeValue(generator, arguments[i]);
				}
				generator.writeEndArray();
				generator.writeName(JsonRpc.TIMEOUT_NAME);
				generator.writeNumber(timeoutMillis);
				generator.writeEndObject();
			});
		}
		catch (RuntimeException ex) {
			ByteBufJson.MessageTooLargeException tooLarge = ByteBufJson.findTooLarge(ex);
			if (tooLarge != null) {
				throw new RpcProtocolException("The request for " + method.displayName()
						+ " is larger than the frame limit of " + tooLarge.limit()
						+ " bytes (rpc.client.max-frame-size); nothing was sent");
			}
			throw new RpcProtocolException("Could not write the arguments of " + method.displayName() + ": "
					+ ex.getMessage(), ex);
		}
	}

}
