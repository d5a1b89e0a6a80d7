package dev.jrpc.internal.client;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jrpc.RpcConnectionException;
import dev.jrpc.RpcTimeoutException;
import dev.jrpc.internal.protocol.Framing;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The one connection to a server address that every caller shares. Opened on first use, never at
 * startup; when it is lost, the next call opens it again. Concurrent callers wait for the same
 * connection attempt.
 */
final class ClientConnection {

	private final ServerAddress server;

	private final Bootstrap bootstrap;

	private final ObjectMapper mapper;

	private final Framing framing;

	private final int maxFrameSize;

	private final int maxInFlight;

	private volatile @Nullable ClientChannel current;

	/** The connection attempt under way, if any; guarded by this. */
	private @Nullable CompletableFuture<ClientChannel> connecting;

	ClientConnection(ServerAddress server, Bootstrap bootstrap, ObjectMapper mapper, Framing framing,
			int maxFrameSize, int maxInFlight) {
		this.maxInFlight = maxInFlight;
		this.server = server;
		this.bootstrap = bootstrap;
		this.mapper = mapper;
		this.framing = framing;
		this.maxFrameSize = maxFrameSize;
	}

	ServerAddress server() {
		return this.server;
	}

	/** Whether the connection is open now, so that acquiring it will not wait. */
	boolean isOpen() {
		ClientChannel open = this.current;
		return open != null && open.isActive();
	}

	/**
	 * The open connection, opening it if needed and waiting for it until {@code deadlineNanos}.
	 * @throws RpcConnectionException when it cannot be opened
	 * @throws RpcTimeoutException when the deadline passes first
	 */
	ClientChannel acquire(long deadlineNanos) {
		ClientChannel open = this.current;
		if (open != null && open.isActive()) {
			return open;
		}
		CompletableFuture<ClientChannel> attempt;
		synchronized (this) {
			open = this.current;
			if (open != null && open.isActive()) {
				return open;
			}
			attempt = this.connecting;
			if (attempt == null) {
				attempt = connect();
			}
		}
		try {
			return attempt.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new RpcTimeoutException("Could not connect to " + this.server + " within the call's timeout");
		}
		catch (ExecutionException ex) {
			throw new RpcConnectionException(
					"Could not connect to " + this.server + ": " + describe(ex.getCause()), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RpcConnectionException("Interrupted while connecting to " + this.server, ex);
		}
	}

	/** Starts a connection attempt; called holding the lock. */
	private CompletableFuture<ClientChannel> connect() {
		CompletableFuture<ClientChannel> result = new CompletableFuture<>();
		this.connecting = result;
		ClientChannel handler = new ClientChannel(this.server, this.mapper, this.maxInFlight);
		ChannelFuture connect;
		try {
			connect = this.bootstrap.clone().handler(new ChannelInitializer<Channel>() {
				@Override
				protected void initChannel(Channel channel) {
					// 1. Framing, capped at the frame limit.
					channel.pipeline().addLast("framer", ClientConnection.this.framing.newDecoder(ClientConnection.this.maxFrameSize));
					// 2. Responses matched to the calls in flight; requests leave through a WriteBatcher.
					channel.pipeline().addLast("calls", handler);
				}
			}).connect(new InetSocketAddress(this.server.host(), this.server.port()));
		}
		catch (RuntimeException ex) {
			this.connecting = null;
			result.completeExceptionally(ex);
			return result;
		}
		connect.addListener((ChannelFutureListener) (future) -> {
			synchronized (this) {
				if (this.connecting == result) {
					this.connecting = null;
				}
				if (future.isSuccess()) {
					this.current = handler;
				}
			}
			if (future.isSuccess()) {
				result.complete(handler);
			}
			else {
				result.completeExceptionally(future.cause());
			}
		});
		return result;
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

	void close() {
		ClientChannel open = this.current;
		if (open != null && open.channel() != null) {
			open.channel().close();
		}
	}

}
