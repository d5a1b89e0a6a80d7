package dev.jrpc.internal.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.internal.transport.InProcess;
import dev.jrpc.internal.transport.PipelineStep;
import dev.jrpc.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * A bound server: its event loops, its workers and its connections, from bind to graceful stop.
 */
public final class ServerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(ServerRuntime.class);

	/** How long a worker thread without work lives on. */
	private static final Duration WORKER_KEEP_ALIVE = Duration.ofSeconds(60);

	private final EventLoopGroup bossGroup;

	private final EventLoopGroup ioGroup;

	private final CallExecutor workers;

	private final CallDispatcher dispatcher;

	private final ChannelGroup channels;

	private final Channel serverChannel;

	/** Where it listens in this JVM too, with the event loop of its in-process connections; both null when it does not. */
	private final @Nullable Channel inProcessChannel;

	private final @Nullable EventLoopGroup inProcessGroup;

	private final Duration shutdownGracePeriod;

	private ServerRuntime(EventLoopGroup bossGroup, EventLoopGroup ioGroup, CallExecutor workers,
			CallDispatcher dispatcher, ChannelGroup channels, Channel serverChannel,
			@Nullable Channel inProcessChannel, @Nullable EventLoopGroup inProcessGroup, Duration shutdownGracePeriod) {
		this.bossGroup = bossGroup;
		this.ioGroup = ioGroup;
		this.workers = workers;
		this.dispatcher = dispatcher;
		this.channels = channels;
		this.serverChannel = serverChannel;
		this.inProcessChannel = inProcessChannel;
		this.inProcessGroup = inProcessGroup;
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	/**
	 * Binds a server for {@code methods}.
	 * @throws IllegalStateException when the address cannot be bound
	 */
	public static ServerRuntime bind(ServerSettings settings, MethodTable methods, ObjectMapper mapper,
			List<RpcServerInterceptor> interceptors, @Nullable ServerObservations observations,
			List<PipelineStep> firstSteps,
			Consumer<ServerBootstrap> bootstrapCustomizer) {
		Transport transport = Transport.detect();
		EventLoopGroup bossGroup = transport.newEventLoopGroup(1, "jrpc-server-accept", false);
		EventLoopGroup ioGroup = transport.newEventLoopGroup(settings.ioThreads(), "jrpc-server-io", false);
		CallExecutor workers = newWorkers(settings);
		// Every call running or waiting holds a place of the queue, which is what bounds them. Its
		// deadline sweep runs on the accepting event loop, which has little else to do: on an I/O event
		// loop, a timer due every 10 ms while calls wait made the loop poll its selector about six
		// times as often per call, and cost about 1 us of server CPU per call (issue 8's report).
		CallDispatcher dispatcher = new CallDispatcher(workers, placesFor(settings), bossGroup,
				new ServerInterceptorChain(interceptors), observations);
		ChannelGroup channels = new DefaultChannelGroup("jrpc-server", GlobalEventExecutor.INSTANCE);
		ServerChannelInitializer initializer = new ServerChannelInitializer(new RequestReader(methods), dispatcher,
				mapper, settings, firstSteps, channels);
		ServerBootstrap bootstrap = new ServerBootstrap().group(bossGroup, ioGroup)
			.channel(transport.serverChannelType())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.childHandler(initializer);
		bootstrapCustomizer.accept(bootstrap);
		InetSocketAddress address = settings.bindAddress();
		Channel serverChannel;
		try {
			serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
		}
		catch (RuntimeException ex) {
			workers.shutdownNow();
			bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw new IllegalStateException("Could not bind the jrpc server to " + address.getHostString() + ':'
					+ address.getPort() + " (" + ex.getMessage() + "); choose another rpc.server.port or "
					+ "rpc.server.address", ex);
		}
		channels.add(serverChannel);
		logger.debug("jrpc server bound with the {} transport", transport);
		Channel inProcessChannel = null;
		EventLoopGroup inProcessGroup = null;
		if (settings.inProcessName() != null) {
			inProcessGroup = InProcess.newEventLoopGroup("jrpc-server-in-process");
			try {
				inProcessChannel = new ServerBootstrap().group(inProcessGroup)
					.channel(LocalServerChannel.class)
					.childHandler(initializer)
					.bind(new LocalAddress(settings.inProcessName()))
					.syncUninterruptibly()
					.channel();
			}
			catch (RuntimeException ex) {
				serverChannel.close().syncUninterruptibly();
				workers.shutdownNow();
				inProcessGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
				bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
				ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
				throw new IllegalStateException("Could not listen in process as '" + settings.inProcessName() + "' ("
						+ ex.getMessage() + "): another server of this JVM listens under that name", ex);
			}
			channels.add(inProcessChannel);
		}
		return new ServerRuntime(bossGroup, ioGroup, workers, dispatcher, channels, serverChannel, inProcessChannel,
				inProcessGroup, settings.shutdownGracePeriod());
	}

	private static CallExecutor newWorkers(ServerSettings settings) {
		// Never more tasks waiting here than calls in the call queue, which bounds them.
		int queueCapacity = placesFor(settings) - settings.workerThreads();
		if (settings.callThreads() != null) {
			return new ThreadPerCallWorkers(settings.workerThreads(), queueCapacity, settings.callThreads());
		}
		return new WorkerPool(settings.workerThreads(), queueCapacity, WORKER_KEEP_ALIVE,
				new DefaultThreadFactory("jrpc-server-worker", true));
	}

	/** Calls that may run or wait at once: the workers and the queue. */
	private static int placesFor(ServerSettings settings) {
		return (int) Math.min(Integer.MAX_VALUE, (long) settings.workerThreads() + settings.queueCapacity());
	}

	/** Connections open now. */
	public int openConnections() {
		// The group holds the listening channel too.
		int connections = 0;
		for (Channel channel : this.channels) {
			if (!isListener(channel)) {
				connections++;
			}
		}
		return connections;
	}

	private boolean isListener(Channel channel) {
		return channel == this.serverChannel || channel == this.inProcessChannel;
	}

	/** Calls read and not yet answered: running, or waiting for a worker. */
	public int callsInFlight() {
		return this.dispatcher.inFlight();
	}

	/** Calls waiting for a worker. */
	public int callsWaiting() {
		return this.dispatcher.waiting();
	}

	/** Calls refused as busy since the server started. */
	public long callsRefusedBusy() {
		return this.dispatcher.refusedBusy();
	}

	public InetSocketAddress localAddress() {
		return (InetSocketAddress) this.serverChannel.localAddress();
	}

	/**
	 * Stops in order: stops accepting connections; runs {@code afterAcceptorClosed} (deregistration);
	 * sends every connection away ({@code rpc.goaway} on native ones), refusing new calls as busy;
	 * waits up to the grace period for calls in flight; then closes every connection and releases the
	 * threads.
	 */
	public void stop(Runnable afterAcceptorClosed) {
		this.serverChannel.close().syncUninterruptibly();
		if (this.inProcessChannel != null) {
			this.inProcessChannel.close().syncUninterruptibly();
		}
		afterAcceptorClosed.run();
		this.dispatcher.startDraining();
		for (Channel channel : this.channels) {
			ServerConnection connection = channel.pipeline().get(ServerConnection.class);
			if (connection != null) {
				connection.goAway();
			}
		}
		try {
			if (!this.dispatcher.drain(this.shutdownGracePeriod)) {
				logger.warn("jrpc server stopping with {} calls still running after the grace period of {}",
						this.dispatcher.inFlight(), this.shutdownGracePeriod);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Give jrpc clients a moment to close the connections they were sent away from, once their
		// calls have ended: a request still on its way then meets a refusal, not a closed connection.
		this.channels.newCloseFuture((channel) -> !isListener(channel))
			.awaitUninterruptibly(Math.min(1000, Math.max(1, this.shutdownGracePeriod.toMillis())), TimeUnit.MILLISECONDS);
		// Close each connection once what was queued for it has left (its goaway among it).
		for (Channel channel : this.channels) {
			ServerConnection connection = channel.pipeline().get(ServerConnection.class);
			if (connection != null) {
				connection.closeAfterWrites();
			}
			else {
				channel.close();
			}
		}
		if (!this.channels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
			this.channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
		}
		this.workers.shutdownNow();
		this.ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		if (this.inProcessGroup != null) {
			this.inProcessGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		}
		this.ioGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		if (this.inProcessGroup != null) {
			this.inProcessGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

}
