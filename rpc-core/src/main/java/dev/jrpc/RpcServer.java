package dev.jrpc;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.ServiceRegistry;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.server.MethodTable;
import dev.jrpc.internal.server.ServerAnnouncement;
import dev.jrpc.internal.server.ServerObservations;
import dev.jrpc.internal.server.ServerRuntime;
import dev.jrpc.internal.server.ServerSettings;
import dev.jrpc.internal.transport.PipelineStep;
import dev.jrpc.observation.RpcServerObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * A JSON-RPC 2.0 server on one TCP port that serves the methods of the interfaces added to it.
 * Java clients use jrpc's native frames; any other peer, {@code nc} included, may send a stream of
 * JSON texts to the same port.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder().port(7070).addService(Greeter.class, new DefaultGreeter()).build();
 * server.start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {

	/** Port a server listens on unless told otherwise. */
	public static final int DEFAULT_PORT = 7070;

	/** Largest request or response, in bytes, unless told otherwise: 8 MiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024;

	/** Most requests one batch may hold, unless told otherwise. */
	public static final int DEFAULT_MAX_BATCH_SIZE = 100;

	/** Threads that run service methods, unless told otherwise. */
	public static final int DEFAULT_WORKER_THREADS = 200;

	/** Calls that may wait for a free worker, unless told otherwise. */
	public static final int DEFAULT_QUEUE_CAPACITY = 1000;

	/** How long a stop waits for calls in flight, unless told otherwise. */
	public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(10);

	/** How long a new connection may take to begin its first message, unless told otherwise. */
	public static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(10);

	/** How long a message may take to arrive whole once begun, unless told otherwise. */
	public static final Duration DEFAULT_MESSAGE_READ_TIMEOUT = Duration.ofSeconds(30);

	/** How long a TLS handshake may take, unless told otherwise. */
	public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** How long a connection with no call in flight may go without traffic, unless told otherwise. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

	private static final Logger logger = LoggerFactory.getLogger(RpcServer.class);

	private final ServerSettings settings;

	private final MethodTable methods;

	private final ObjectMapper mapper;

	private final Consumer<ServerBootstrap> bootstrapCustomizer;

	private final List<RpcServerInterceptor> interceptors;

	private final @Nullable ServerObservations observations;

	private final List<PipelineStep> firstSteps;

	private final ServerAnnouncement announcement;

	private volatile @Nullable ServerRuntime runtime;

	/** The runtime while it stops: no longer {@link #runtime}, but its figures still count. */
	private volatile @Nullable ServerRuntime stopping;

	private RpcServer(Builder builder) {
		this.mapper = (builder.mapper != null) ? builder.mapper : RpcJsonMapper.create(builder.maxFrameSize);
		this.settings = new ServerSettings(new InetSocketAddress(builder.host, builder.port), builder.maxFrameSize,
				builder.maxBatchSize, builder.ioThreads, builder.workerThreads, builder.queueCapacity,
				builder.shutdownGracePeriod, builder.maxConnectionAge, builder.firstByteTimeout,
				builder.messageReadTimeout, builder.idleTimeout, builder.inboundBuffer(), builder.tlsContext,
				builder.tlsHandshakeTimeout, builder.inProcessName, builder.callThreads);
		MethodTable.Builder methods = new MethodTable.Builder(this.mapper);
		builder.services.forEach((service) -> service.accept(methods));
		if (builder.discoverable) {
			methods.discoverable(builder.discoveryTitle, builder.discoveryVersion);
		}
		this.methods = methods.build();
		this.bootstrapCustomizer = builder.bootstrapCustomizer;
		this.interceptors = List.copyOf(builder.interceptors);
		this.observations = builder.observationRegistry.isNoop() ? null
				: new ServerObservations(builder.observationRegistry, builder.observationConvention);
		this.firstSteps = List.copyOf(builder.firstSteps);
		this.announcement = new ServerAnnouncement(builder.registry, this.methods.registrableServices(),
				builder.advertisedAddress, builder.host, builder.weight);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Binds the port and starts serving.
	 * @throws IllegalStateException when the address cannot be bound or the server already runs
	 */
	public synchronized void start() {
		if (this.runtime != null) {
			throw new IllegalStateException("The jrpc server is already running");
		}
		ServerRuntime started = ServerRuntime.bind(this.settings, this.methods, this.mapper, this.interceptors,
				this.observations, this.firstSteps, this.bootstrapCustomizer);
		try {
			this.announcement.register(started.localAddress().getPort());
		}
		catch (RuntimeException ex) {
			started.stop(() -> {
			});
			throw ex;
		}
		this.runtime = started;
		logger.info("jrpc server listening on {}:{}, exporting {}", this.settings.bindAddress().getHostString(),
				started.localAddress().getPort(), this.methods.services());
	}

	/**
	 * Stops gracefully: stops accepting connections, withdraws its services from the registry, tells
	 * every jrpc client to send no more calls ({@code rpc.goaway}), refuses new calls as busy (they
	 * did not run, so clients retry them elsewhere), lets calls in flight finish within the shutdown
	 * grace period, then closes every connection.
	 */
	public synchronized void stop() {
		ServerRuntime running = this.runtime;
		if (running != null) {
			this.stopping = running;
			this.runtime = null;
			try {
				running.stop(this.announcement::deregister);
			}
			finally {
				this.stopping = null;
			}
			logger.info("jrpc server stopped");
		}
	}

	@Override
	public void close() {
		stop();
	}

	public boolean isRunning() {
		return this.runtime != null;
	}

	/**
	 * The port the server is bound to: the one asked for, or the one the system chose for port 0.
	 * @throws IllegalStateException when the server is not running
	 */
	public int port() {
		ServerRuntime running = this.runtime;
		if (running == null) {
			throw new IllegalStateException("The jrpc server is not running");
		}
		return running.localAddress().getPort();
	}

	/** Connections open now, while it runs or stops; 0 otherwise. */
	public int openConnections() {
		return (int) fromRuntime(ServerRuntime::openConnections);
	}

	/** Calls read and not yet answered, running or waiting for a worker, while it runs or stops; 0 otherwise. */
	public int callsInFlight() {
		return (int) fromRuntime(ServerRuntime::callsInFlight);
	}

	/** Calls waiting for a worker, while it runs or stops; 0 otherwise. */
	public int callsWaiting() {
		return (int) fromRuntime(ServerRuntime::callsWaiting);
	}

	/** Calls refused as busy (-32001) since the server last started. */
	public long callsRefusedBusy() {
		return fromRuntime(ServerRuntime::callsRefusedBusy);
	}

	/** {@code figure} of the server, running or stopping, or 0 when it is neither. */
	private long fromRuntime(ToLongFunction<ServerRuntime> figure) {
		ServerRuntime running = this.runtime;
		if (running == null) {
			running = this.stopping;
		}
		return (running != null) ? figure.applyAsLong(running) : 0;
	}

	/** The names of the exported services, with their versions. */
	public Set<String> services() {
		return this.methods.services();
	}

	/** Every exported service with its methods and the names they answer to on the wire. */
	public List<ExportedService> exportedServices() {
		return this.methods.exported();
	}

	/** The address the server listens on, or null when it is not running. */
	public @Nullable InetSocketAddress boundAddress() {
		ServerRuntime running = this.runtime;
		return (running != null) ? running.localAddress() : null;
	}

	/** The endpoint the registry announces to clients, or null while nothing is registered. */
	public @Nullable Endpoint advertisedEndpoint() {
		return this.announcement.registeredEndpoint();
	}

	/** Whether the services are announced to a registry now. */
	public RegistryState registryState() {
		return this.announcement.state();
	}

	/**
	 * An exported service.
	 * @param name its name on the wire, empty when it is exported with plain method names
	 * @param version its version, empty when it has none
	 * @param type the exported interface
	 * @param methods its methods, each with the name it answers to
	 */
	public record ExportedService(String name, String version, Class<?> type, List<ExportedMethod> methods) {

		public ExportedService {
			methods = List.copyOf(methods);
		}

	}

	/**
	 * An exported method.
	 * @param wireName the JSON-RPC method name it answers to
	 * @param method the interface method it runs
	 */
	public record ExportedMethod(String wireName, Method method) {
	}

	/** Whether a server's services are announced to a registry. */
	public enum RegistryState {

		/** The server has no registry: clients find it by its address. */
		NONE,

		/** Every service that can be registered is announced. */
		REGISTERED,

		/** The server has a registry and announces nothing: it is not running, or exports only plain names. */
		NOT_REGISTERED

	}

	/** Builds an {@link RpcServer}; every setting has a default. */
	public static final class Builder {

		private String host = "0.0.0.0";

		private int port = DEFAULT_PORT;

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

		private int ioThreads = Runtime.getRuntime().availableProcessors();

		private int workerThreads = DEFAULT_WORKER_THREADS;

		private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

		private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;

		private @Nullable ObjectMapper mapper;

		private Consumer<ServerBootstrap> bootstrapCustomizer = (bootstrap) -> {
		};

		private final java.util.List<Consumer<MethodTable.Builder>> services = new java.util.ArrayList<>();

		private final java.util.List<RpcServerInterceptor> interceptors = new java.util.ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RpcServerObservationConvention observationConvention;

		private @Nullable ServiceRegistry registry;

		private @Nullable String advertisedAddress;

		private int weight = Endpoint.DEFAULT_WEIGHT;

		private Duration maxConnectionAge = Duration.ZERO;

		private Duration firstByteTimeout = DEFAULT_FIRST_BYTE_TIMEOUT;

		private @Nullable Supplier<SslContext> tlsContext;

		private Duration tlsHandshakeTimeout = DEFAULT_TLS_HANDSHAKE_TIMEOUT;

		private @Nullable String inProcessName;

		private @Nullable ThreadFactory callThreads;

		private boolean discoverable = true;

		private String discoveryTitle = "jrpc";

		private String discoveryVersion = "1.0.0";

		private Duration messageReadTimeout = DEFAULT_MESSAGE_READ_TIMEOUT;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private long maxInboundBuffer;

		private final java.util.List<PipelineStep> firstSteps = new java.util.ArrayList<>();

		private Builder() {
		}

		/** The address to bind, a host name or IP literal; all interfaces by default. */
		public Builder address(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/** The port to bind; 0 lets the system choose a free one. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/** The largest request or response in bytes; below 16 MiB. */
		public Builder maxFrameSize(int bytes) {
			this.maxFrameSize = checkFrameSize(bytes);
			return this;
		}

		/** Most requests one JSON-RPC batch may hold; a larger batch is refused with one error. */
		public Builder maxBatchSize(int requests) {
			this.maxBatchSize = checkPositive(requests, "maxBatchSize");
			return this;
		}

		/** Event loop threads; the number of processors by default. */
		public Builder ioThreads(int threads) {
			this.ioThreads = checkPositive(threads, "ioThreads");
			return this;
		}

		/**
		 * Most threads that run service methods at once; they start when needed, and one without work
		 * for a minute ends.
		 */
		public Builder workerThreads(int threads) {
			this.workerThreads = checkPositive(threads, "workerThreads");
			return this;
		}

		/**
		 * Runs each call on a new thread from {@code factory}, such as virtual threads'
		 * ({@code Thread.ofVirtual().factory()}), instead of the pool of worker threads;
		 * {@link #workerThreads(int)} still bounds how many calls run at once.
		 */
		public Builder threadPerCall(ThreadFactory factory) {
			this.callThreads = Objects.requireNonNull(factory, "factory");
			return this;
		}

		/**
		 * Calls that may wait for a free worker. They wait in one lane per connection, served in
		 * turn; when the queue is full, the newest call of the connection that holds the most
		 * waiting gets a "server busy" error.
		 */
		public Builder queueCapacity(int capacity) {
			if (capacity < 0) {
				throw new IllegalArgumentException("queueCapacity must not be negative, was " + capacity);
			}
			this.queueCapacity = capacity;
			return this;
		}

		/** How long {@link RpcServer#stop()} waits for calls in flight. */
		public Builder shutdownGracePeriod(Duration gracePeriod) {
			if (gracePeriod.isNegative()) {
				throw new IllegalArgumentException("shutdownGracePeriod must not be negative, was " + gracePeriod);
			}
			this.shutdownGracePeriod = gracePeriod;
			return this;
		}

		/**
		 * Takes TLS connections only, with the context {@code context} gives for each new connection:
		 * a server context ({@code SslContextBuilder.forServer(...)}), whose key manager gives the
		 * server's certificate and whose client-auth setting and trust manager decide whether
		 * clients must show a trusted certificate (mutual TLS). A supplier that gives a new context
		 * after a certificate was renewed serves the next connections with it. A client that does not
		 * begin a TLS handshake is closed unread, with a log line.
		 */
		public Builder tls(Supplier<SslContext> context) {
			Objects.requireNonNull(context, "context");
			SslContext now = context.get();
			if (now == null || !now.isServer()) {
				throw new IllegalArgumentException("The TLS context of a server must be a server context"
						+ " (SslContextBuilder.forServer(...)), was " + ((now == null) ? "null" : "a client context"));
			}
			this.tlsContext = context;
			return this;
		}

		/**
		 * Whether the server answers {@code rpc.discover} with the OpenRPC document of its exported
		 * methods, generated once at startup; true by default. When false, {@code rpc.discover} is
		 * an unknown method (-32601).
		 */
		public Builder discovery(boolean enabled) {
			this.discoverable = enabled;
			return this;
		}

		/** The {@code info} of the OpenRPC document: the API's title ({@code jrpc} by default) and version ({@code 1.0.0}). */
		public Builder discoveryInfo(String title, String version) {
			if (title == null || title.isBlank() || version == null || version.isBlank()) {
				throw new IllegalArgumentException("The OpenRPC title and version must not be blank");
			}
			this.discoveryTitle = title;
			this.discoveryVersion = version;
			return this;
		}

		/**
		 * Listens in this JVM too, under {@code name}, besides its TCP port: clients built with
		 * {@link RpcClient.Builder#inProcess(String)} and the same name call it without a socket,
		 * over the same JSON-RPC messages (Netty's local transport). For tests.
		 */
		public Builder inProcess(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("The in-process name must not be blank");
			}
			this.inProcessName = name;
			return this;
		}

		/** How long a TLS handshake may take before the connection is closed; 10 seconds by default. */
		public Builder tlsHandshakeTimeout(Duration timeout) {
			if (timeout == null || timeout.isZero() || timeout.isNegative()) {
				throw new IllegalArgumentException("tlsHandshakeTimeout must be positive, was " + timeout);
			}
			this.tlsHandshakeTimeout = timeout;
			return this;
		}

		/**
		 * Closes a new connection that has not begun its first message within {@code timeout}
		 * (whitespace aside), so that connections that send nothing do not pile up; 10 seconds by
		 * default, zero disables it.
		 */
		public Builder firstByteTimeout(Duration timeout) {
			this.firstByteTimeout = notNegative(timeout, "firstByteTimeout");
			return this;
		}

		/**
		 * Closes a connection whose message, once begun, has not arrived whole within
		 * {@code timeout}, so that a client trickling a request or sending half of one holds nothing
		 * for ever; time during which the server paused reading that connection does not count. 30
		 * seconds by default, zero disables it.
		 */
		public Builder messageReadTimeout(Duration timeout) {
			this.messageReadTimeout = notNegative(timeout, "messageReadTimeout");
			return this;
		}

		/**
		 * Closes a connection that has had no traffic at all, and no call in flight, for
		 * {@code timeout}; 5 minutes by default, zero disables it. A jrpc client's keepalive pings keep
		 * its connections open.
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = notNegative(timeout, "idleTimeout");
			return this;
		}

		/**
		 * The most bytes all connections together may hold of messages not yet read whole; a
		 * connection whose message finds no room is not read until room frees up. By default half of
		 * the direct memory the JVM allows ({@link #defaultMaxInboundBuffer()}). It must be at least
		 * the frame limit.
		 */
		public Builder maxInboundBuffer(long bytes) {
			if (bytes <= 0) {
				throw new IllegalArgumentException("maxInboundBuffer must be positive, was " + bytes);
			}
			this.maxInboundBuffer = bytes;
			return this;
		}

		/** Half of the direct memory the JVM allows, as Netty sees it ({@code -XX:MaxDirectMemorySize}). */
		public static long defaultMaxInboundBuffer() {
			return PlatformDependent.maxDirectMemory() / 2;
		}

		private long inboundBuffer() {
			long budget = (this.maxInboundBuffer > 0) ? this.maxInboundBuffer : defaultMaxInboundBuffer();
			if (budget < this.maxFrameSize) {
				throw new IllegalStateException("The inbound buffer budget of " + budget + " bytes"
						+ ((this.maxInboundBuffer > 0) ? "" : " (half of the JVM's direct memory)")
						+ " is smaller than the frame limit of " + this.maxFrameSize + " bytes, so a message that"
						+ " large could never be read: raise rpc.server.max-inbound-buffer (maxInboundBuffer) or"
						+ " -XX:MaxDirectMemorySize, or lower rpc.server.max-frame-size (maxFrameSize)");
			}
			return budget;
		}

		private static Duration notNegative(Duration value, String name) {
			if (Objects.requireNonNull(value, name).isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + value);
			}
			return value;
		}

		/**
		 * The JSON mapper; by default {@link RpcJsonMapper#create(long)}. Never give it default
		 * typing.
		 */
		public Builder mapper(ObjectMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/** Changes the Netty bootstrap before it binds, for socket options for example. */
		public Builder bootstrapCustomizer(Consumer<ServerBootstrap> customizer) {
			this.bootstrapCustomizer = this.bootstrapCustomizer.andThen(customizer);
			return this;
		}

		/** Exports {@code implementation} under the interface's fully-qualified name, without version. */
		public <T> Builder addService(Class<T> interfaceClass, T implementation) {
			return addService(interfaceClass, implementation, interfaceClass.getName(), "");
		}

		/**
		 * Exports {@code implementation} as {@code name}, with {@code version} (may be empty). Its
		 * methods are parsed when the server is built, which fails for a method that cannot be
		 * served.
		 */
		public <T> Builder addService(Class<T> interfaceClass, T implementation, String name, String version) {
			Objects.requireNonNull(interfaceClass, "interfaceClass");
			Objects.requireNonNull(implementation, "implementation");
			if (name.isBlank()) {
				throw new IllegalArgumentException("The service name of " + interfaceClass.getName() + " is blank");
			}
			this.services.add((methods) -> methods.add(interfaceClass, implementation, name, version));
			return this;
		}

		/**
		 * Exports {@code implementation} with plain method names: its methods answer to their own
		 * names, with no service prefix, as JSON-RPC peers that know nothing of services expect.
		 * Plain names of all services share one namespace.
		 */
		public <T> Builder addPlainService(Class<T> interfaceClass, T implementation) {
			Objects.requireNonNull(interfaceClass, "interfaceClass");
			Objects.requireNonNull(implementation, "implementation");
			this.services.add((methods) -> methods.add(interfaceClass, implementation, "", ""));
			return this;
		}

		/** Adds an interceptor around every call; interceptors run in the order they are added. */
		public Builder interceptor(RpcServerInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
			return this;
		}

		/**
		 * Observes every call with {@code registry}: a timer {@code rpc.server.call.duration}, and with
		 * a tracing handler, a span continuing the caller's trace from the request's {@code meta}
		 * ({@code traceparent}), in scope while the interceptors and the service method run. Requests
		 * answered at once with an error are observed under the method {@code unknown}.
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/** Names and tags the observations with {@code convention} instead of the default one. */
		public Builder observationConvention(RpcServerObservationConvention convention) {
			this.observationConvention = Objects.requireNonNull(convention, "convention");
			return this;
		}

		/**
		 * Where the server announces its services once it listens, and withdraws them first thing
		 * when it stops.
		 */
		public Builder registry(ServiceRegistry registry) {
			this.registry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/**
		 * The {@code host} or {@code host:port} announced to the registry; by default the bind
		 * address when it is a specific one, else this host's first non-loopback address, with the
		 * bound port.
		 */
		public Builder advertisedAddress(String address) {
			ServerAnnouncement.checkAdvertisedAddress(Objects.requireNonNull(address, "address"));
			this.advertisedAddress = address;
			return this;
		}

		/**
		 * Sends each connection away ({@code rpc.goaway}) once it is this old, ± 10 %, so that
		 * clients behind one virtual IP spread over the servers as they reconnect; zero, the
		 * default, for never.
		 */
		public Builder maxConnectionAge(Duration age) {
			if (age.isNegative()) {
				throw new IllegalArgumentException("maxConnectionAge must not be negative, was " + age);
			}
			this.maxConnectionAge = age;
			return this;
		}

		/**
		 * Adds a step at the head of every connection's pipeline, before protocol detection and
		 * framing, such as TLS. Internal: not for applications.
		 */
		Builder firstStep(PipelineStep step) {
			this.firstSteps.add(Objects.requireNonNull(step, "step"));
			return this;
		}

		/** The share of calls this server asks for, relative to the other servers of its services. */
		public Builder weight(int weight) {
			this.weight = checkPositive(weight, "weight");
			return this;
		}

		/**
		 * Builds the server, parsing every exported method.
		 * @throws IllegalArgumentException when a method cannot be served
		 * @throws IllegalStateException when the inbound buffer budget is smaller than the frame limit
		 */
		public RpcServer build() {
			return new RpcServer(this);
		}

		/** Checks a frame limit: positive and below 16 MiB, so that a native frame starts with 0x00. */
		public static int checkFrameSize(int bytes) {
			if (bytes <= 0 || bytes > Framing.MAX_FRAME_SIZE_LIMIT) {
				throw new IllegalArgumentException("maxFrameSize must be between 1 byte and 16 MiB - 1 ("
						+ Framing.MAX_FRAME_SIZE_LIMIT + " bytes), was " + bytes);
			}
			return bytes;
		}

		private static int checkPositive(int value, String name) {
			if (value <= 0) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
