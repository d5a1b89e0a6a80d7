package dev.jrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.client.ClientObservations;
import dev.jrpc.internal.client.ClientSettings;
import dev.jrpc.internal.client.ClientTls;
import dev.jrpc.internal.client.ProxyFactory;
import dev.jrpc.internal.client.ProxySettings;
import dev.jrpc.internal.discovery.DnsEndpointDiscovery;
import dev.jrpc.internal.protocol.Framing;
import dev.jrpc.internal.transport.InProcess;
import dev.jrpc.internal.transport.PipelineStep;
import dev.jrpc.internal.transport.SharedEventLoopGroup;
import dev.jrpc.internal.transport.Transport;
import dev.jrpc.observation.RpcClientObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Creates proxies that call remote interfaces over JSON-RPC 2.0. A proxy's calls go through the
 * client's interceptors, then to one of its service's endpoints (a fixed list, a DNS name, or a
 * registry), balanced and retried where that is safe. One client holds one connection per server
 * address, shared by every proxy and every thread; connections open on first use, reopen after a
 * loss, and are checked by keepalive pings. The clients of a JVM share their event loop threads,
 * unless one is given its own ({@link Builder#ioThreads}) or calls in-process servers (which has
 * one of its own); they are daemon threads: a client never keeps the JVM alive.
 *
 * <pre>{@code
 * try (RpcClient client = RpcClient.builder().build()) {
 *     Greeter greeter = client.proxy(Greeter.class).address("localhost:7070").build();
 *     greeter.greet("Ada");
 * }
 * }</pre>
 */
public final class RpcClient implements AutoCloseable {

	/** How long a call waits for its answer unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** How long opening a connection may take unless told otherwise. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

	/** How long a connection may stay silent before the client pings the server, unless told otherwise. */
	public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(30);

	/** How long a keepalive ping waits for its answer before the connection is closed, unless told otherwise. */
	public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

	/** Attempts in all of a call of an idempotent method that may have run, unless told otherwise. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Tokens of a proxy's retry budget, unless told otherwise (gRPC's retry throttling). */
	public static final int DEFAULT_RETRY_BUDGET_TOKENS = 10;

	/** Tokens a success gives back to the retry budget, unless told otherwise. */
	public static final double DEFAULT_RETRY_BUDGET_TOKEN_RATIO = 0.1;

	/** The rest of a server after a first failed connection, unless told otherwise. */
	public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);

	/** How much longer each further rest is, unless told otherwise. */
	public static final double DEFAULT_BACKOFF_MULTIPLIER = 1.6;

	/** The spread of each rest, as a fraction either way, unless told otherwise. */
	public static final double DEFAULT_BACKOFF_JITTER = 0.2;

	/** The longest rest, before its spread, unless told otherwise. */
	public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(120);

	/** Timeouts in a row that set a server aside, unless told otherwise. */
	public static final int DEFAULT_EJECTION_TIMEOUTS = 5;

	/** How long a server is first set aside, unless told otherwise. */
	public static final Duration DEFAULT_EJECTION_TIME = Duration.ofSeconds(30);

	private final EventLoopGroup group;

	/** Whether {@link #group} is {@link SharedEventLoopGroup#CLIENTS}', to be released rather than shut down. */
	private final boolean sharedGroup;

	private final ProxyFactory proxies;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Duration timeout;

	private final LoadBalancing loadBalancing;

	private final int maxAttempts;

	private final @Nullable Supplier<SslContext> tlsContext;

	private final @Nullable String tlsServerName;

	private RpcClient(Builder builder) {
		ObjectMapper mapper = (builder.mapper != null) ? builder.mapper : RpcJsonMapper.create(builder.maxFrameSize);
		Bootstrap bootstrap;
		if (builder.inProcessName != null) {
			this.group = InProcess.newEventLoopGroup("jrpc-client-in-process");
			this.sharedGroup = false;
			bootstrap = new Bootstrap().group(this.group).channel(LocalChannel.class);
		}
		else {
			Transport transport = Transport.detect();
			this.sharedGroup = (builder.ioThreads == null);
			this.group = (builder.ioThreads != null)
					? transport.newEventLoopGroup(builder.ioThreads, "jrpc-client", true)
					: SharedEventLoopGroup.CLIENTS.acquire();
			bootstrap = new Bootstrap().group(this.group)
				.channel(transport.channelType())
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.SO_KEEPALIVE, true);
		}
		try {
			bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, builder.connectTimeout.toMillis()));
			builder.bootstrapCustomizer.accept(bootstrap);
			ClientSettings settings = new ClientSettings(builder.maxFrameSize, builder.keepaliveInterval,
					builder.keepaliveTimeout, builder.firstSteps, builder.dnsRefreshInterval, builder.budgetMaxTokens,
					builder.budgetTokenRatio, builder.backoffInitial, builder.backoffMultiplier,
					builder.backoffJitter, builder.backoffMax, builder.ejectAfterTimeouts, builder.ejectionTime,
					builder.inProcessName);
			List<RpcClientInterceptor> interceptors = new ArrayList<>();
			if (!builder.observationRegistry.isNoop()) {
				// Outermost, so that what the other interceptors do is part of the call it observes.
				interceptors.add(new ClientObservations(builder.observationRegistry, builder.observationConvention));
			}
			interceptors.addAll(builder.interceptors);
			this.proxies = new ProxyFactory(bootstrap, this.group, mapper, settings, builder.callbackExecutor,
					interceptors, builder.discovery, builder.discoveries);
		}
		catch (RuntimeException | Error ex) {
			releaseThreads();
			throw ex;
		}
		this.timeout = builder.timeout;
		this.loadBalancing = builder.loadBalancing;
		this.maxAttempts = builder.maxAttempts;
		this.tlsContext = builder.tlsContext;
		this.tlsServerName = builder.tlsServerName;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Connections to servers open now, over all proxies of this client. */
	public int openConnections() {
		return this.proxies.connections().openConnections();
	}

	/** Attempts of calls sent to a server and not yet answered, over all proxies of this client. */
	public int callsInFlight() {
		return this.proxies.connections().callsInFlight();
	}

	/**
	 * Every interface this client made a proxy for, with the endpoints it calls and what is known of
	 * them now; proxies of the same interface calling the same endpoints with the same connection
	 * settings (framing, calls in flight, TLS) are one entry.
	 */
	public List<Reference> references() {
		return this.proxies.references();
	}

	/**
	 * An interface this client calls, and where.
	 * @param type the interface
	 * @param service the service name it calls, empty for plain method names
	 * @param version the service version, empty when it has none
	 * @param target the address it was given ({@code host:port[,...]} or {@code scheme:///name}),
	 * or {@code registry}
	 * @param endpoints the endpoints its discovery gives now
	 */
	public record Reference(Class<?> type, String service, String version, String target,
			List<EndpointStatus> endpoints) {

		public Reference {
			endpoints = List.copyOf(endpoints);
		}

		/** Whether a call has somewhere to go: an endpoint is not known to be unreachable. */
		public boolean isAvailable() {
			return this.endpoints.stream().anyMatch((endpoint) -> endpoint.state().isAvailable());
		}

	}

	/**
	 * An endpoint of a {@link Reference}.
	 * @param lastFailure why its last connection attempt failed, when it is {@link EndpointState#UNREACHABLE}; else null
	 */
	public record EndpointStatus(String host, int port, EndpointState state, @Nullable String lastFailure) {
	}

	/** What the client knows of an endpoint. */
	public enum EndpointState {

		/** A connection is open and takes calls. */
		CONNECTED,

		/** No connection is open and none has failed: the next call opens one. */
		IDLE,

		/** Its last connection attempt failed; calls go elsewhere while it rests, then it is tried again. */
		UNREACHABLE,

		/**
		 * Set aside for a while after repeated timeouts: calls go to the other endpoints while one
		 * answers, and to it when none does.
		 */
		EJECTED;

		/** Whether calls may go to it now: it is not known to be unreachable. */
		public boolean isAvailable() {
			return this != UNREACHABLE;
		}

	}

	/** Starts building a proxy of {@code interfaceClass}. */
	public <T> ProxyBuilder<T> proxy(Class<T> interfaceClass) {
		return new ProxyBuilder<>(this, interfaceClass);
	}

	/**
	 * A proxy of {@code interfaceClass} calling its default service name at {@code address}.
	 * @throws IllegalStateException when the client is closed
	 */
	public <T> T create(Class<T> interfaceClass, String address) {
		return proxy(interfaceClass).address(address).build();
	}

	/**
	 * Closes every connection and releases the threads: its own, or its share of the ones clients
	 * share, which end with the last client holding them. Calls in flight, calls waiting to be tried
	 * again and calls made later fail with an {@link RpcConnectionException}; a proxy built later
	 * throws an {@link IllegalStateException}.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.proxies.close();
			}
			finally {
				releaseThreads();
			}
		}
	}

	private void releaseThreads() {
		Future<?> released = this.sharedGroup ? SharedEventLoopGroup.CLIENTS.release(this.group)
				: this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		released.awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	/** Builds one proxy; the address is required, everything else has a default. */
	public static final class ProxyBuilder<T> {

		private final RpcClient client;

		private final Class<T> interfaceClass;

		private String name;

		private String version = "";

		private @Nullable String address;

		private Duration timeout;

		private boolean plainNames;

		private RpcFraming framing = RpcFraming.NATIVE;

		private int maxInFlight;

		private LoadBalancing loadBalancing;

		private int maxAttempts;

		private @Nullable Supplier<SslContext> tlsContext;

		private @Nullable String tlsServerName;

		private ProxyBuilder(RpcClient client, Class<T> interfaceClass) {
			this.client = client;
			this.interfaceClass = Objects.requireNonNull(interfaceClass, "interfaceClass");
			this.name = interfaceClass.getName();
			this.timeout = client.timeout;
			this.loadBalancing = client.loadBalancing;
			this.maxAttempts = client.maxAttempts;
			this.tlsContext = client.tlsContext;
			this.tlsServerName = client.tlsServerName;
		}

		/** The service name; by default the interface's fully-qualified name. */
		public ProxyBuilder<T> name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/** The service version; none by default. */
		public ProxyBuilder<T> version(String version) {
			this.version = Objects.requireNonNull(version, "version");
			return this;
		}

		/**
		 * Where the service is: {@code host:port}, a comma-separated list of them,
		 * {@code dns:///host:port} for every address of a DNS name, or {@code scheme:///name} for a
		 * discovery added to the client. Without an address, the client's registry is asked for
		 * the service by name and version.
		 */
		public ProxyBuilder<T> address(String address) {
			this.address = Objects.requireNonNull(address, "address");
			return this;
		}

		/** How long each call waits for its answer; finite. */
		public ProxyBuilder<T> timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Calls the methods by their plain names, with no service prefix, as most JSON-RPC servers
		 * name them, and as a jrpc server does for a service exported with plain names.
		 */
		public ProxyBuilder<T> plainNames() {
			this.plainNames = true;
			return this;
		}

		/** How messages are delimited; {@link RpcFraming#NATIVE} unless the server needs another. */
		public ProxyBuilder<T> framing(RpcFraming framing) {
			this.framing = Objects.requireNonNull(framing, "framing");
			return this;
		}

		/**
		 * At most this many calls in flight at once on each connection, the others waiting for a
		 * place within their timeout; 0, the default, for no limit. Use 1 for servers that read one
		 * request at a time and lose those that arrive while they work. One-way calls get no answer
		 * and so do not count: a call sent right after one may still arrive while such a server is
		 * busy with it.
		 */
		public ProxyBuilder<T> maxInFlight(int calls) {
			if (calls < 0) {
				throw new IllegalArgumentException("maxInFlight must not be negative, was " + calls);
			}
			this.maxInFlight = calls;
			return this;
		}

		/** How calls are spread over the service's endpoints; the client's choice by default. */
		public ProxyBuilder<T> loadBalancing(LoadBalancing loadBalancing) {
			this.loadBalancing = Objects.requireNonNull(loadBalancing, "loadBalancing");
			return this;
		}

		/**
		 * Attempts in all of a call of an {@link Idempotent} method that may have run (timed out, or
		 * lost with its connection); 1 for none. Calls that provably did not run are tried on
		 * another endpoint whatever this says.
		 */
		public ProxyBuilder<T> maxAttempts(int attempts) {
			this.maxAttempts = Builder.checkAttempts(attempts);
			return this;
		}

		/**
		 * Speaks TLS to this service's servers, with the context {@code context} gives for each new
		 * connection (a client context: {@code SslContextBuilder.forClient()}); the client's by
		 * default. Each server's certificate must match its host, or {@link #tlsServerName}.
		 */
		public ProxyBuilder<T> tls(Supplier<SslContext> context) {
			this.tlsContext = Builder.checkClientContext(context);
			return this;
		}

		/**
		 * The host name this service's servers' certificates must match, and that is sent to them as
		 * SNI, in place of each endpoint's own host: for endpoints that are IP addresses. The client's
		 * by default.
		 */
		public ProxyBuilder<T> tlsServerName(String name) {
			this.tlsServerName = Builder.checkServerName(name);
			return this;
		}

		/**
		 * Builds the proxy, parsing every method of the interface.
		 * @throws IllegalArgumentException when a method cannot be called remotely, or the address
		 * is missing or malformed
		 * @throws IllegalStateException when the client is closed
		 */
		public T build() {
			if (this.tlsServerName != null && this.tlsContext == null) {
				throw new IllegalStateException("tlsServerName is set for " + this.name + ", but no TLS context"
						+ " (tls(...)): the proxy would speak plaintext and the name would be ignored");
			}
			Framing wireFraming = (this.framing == RpcFraming.JSON_STREAM) ? Framing.JSON_STREAM
					: Framing.LENGTH_PREFIXED;
			return this.client.proxies.create(this.interfaceClass, new ProxySettings(this.name, this.version,
					this.address, this.timeout, this.plainNames, wireFraming, this.maxInFlight, this.loadBalancing,
					this.maxAttempts, (this.tlsContext != null) ? new ClientTls(this.tlsContext, this.tlsServerName) : null));
		}

	}

	/** Builds an {@link RpcClient}; every setting has a default. */
	public static final class Builder {

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int maxFrameSize = RpcServer.DEFAULT_MAX_FRAME_SIZE;

		private @Nullable Integer ioThreads;

		private @Nullable ObjectMapper mapper;

		private Executor callbackExecutor = ForkJoinPool.commonPool();

		private Consumer<Bootstrap> bootstrapCustomizer = (bootstrap) -> {
		};

		private @Nullable EndpointDiscovery discovery;

		private final Map<String, EndpointDiscovery> discoveries = new LinkedHashMap<>();

		private final List<RpcClientInterceptor> interceptors = new ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RpcClientObservationConvention observationConvention;

		private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;

		private Duration keepaliveTimeout = DEFAULT_KEEPALIVE_TIMEOUT;

		private LoadBalancing loadBalancing = LoadBalancing.ROUND_ROBIN;

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private final List<PipelineStep> firstSteps = new ArrayList<>();

		private @Nullable Supplier<SslContext> tlsContext;

		private @Nullable String tlsServerName;

		private @Nullable String inProcessName;

		private Duration dnsRefreshInterval = DnsEndpointDiscovery.DEFAULT_REFRESH_INTERVAL;

		private int budgetMaxTokens = DEFAULT_RETRY_BUDGET_TOKENS;

		private double budgetTokenRatio = DEFAULT_RETRY_BUDGET_TOKEN_RATIO;

		private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;

		private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;

		private double backoffJitter = DEFAULT_BACKOFF_JITTER;

		private Duration backoffMax = DEFAULT_BACKOFF_MAX;

		private int ejectAfterTimeouts = DEFAULT_EJECTION_TIMEOUTS;

		private Duration ejectionTime = DEFAULT_EJECTION_TIME;

		private Builder() {
		}

		/** How long a call waits for its answer unless its proxy says otherwise. */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/** How long opening a connection may take. */
		public Builder connectTimeout(Duration connectTimeout) {
			if (connectTimeout.isNegative() || connectTimeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** The largest request or response in bytes; below 16 MiB. */
		public Builder maxFrameSize(int bytes) {
			this.maxFrameSize = RpcServer.Builder.checkFrameSize(bytes);
			return this;
		}

		/**
		 * Gives this client event loop threads of its own, for all its connections. By default the
		 * clients of a JVM share one group of up to 4 threads (as many as there are processors), kept
		 * while any of them is open, so that many clients do not make a thread per connection. An
		 * in-process client ({@link #inProcess}) has one thread of its own whatever this says.
		 */
		public Builder ioThreads(int threads) {
			if (threads <= 0) {
				throw new IllegalArgumentException("ioThreads must be positive, was " + threads);
			}
			this.ioThreads = threads;
			return this;
		}

		/** The JSON mapper; by default {@link RpcJsonMapper#create(long)}. Never give it default typing. */
		public Builder mapper(ObjectMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/**
		 * Where the futures of asynchronous methods complete, and where the client does what must
		 * not hold up an event loop: writing a call that waited for its connection to open or for a
		 * place on it, retrying, and resolving a host name to reconnect. The common fork-join pool by
		 * default; it must not run its tasks on the calling thread.
		 */
		public Builder callbackExecutor(Executor executor) {
			this.callbackExecutor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/** Changes the Netty bootstrap before connections are opened, for socket options for example. */
		public Builder bootstrapCustomizer(Consumer<Bootstrap> customizer) {
			this.bootstrapCustomizer = this.bootstrapCustomizer.andThen(customizer);
			return this;
		}

		/**
		 * Where proxies without an address find their service, by name and version: a registry
		 * such as ZooKeeper. Without it, a proxy needs an address.
		 */
		public Builder discovery(EndpointDiscovery discovery) {
			this.discovery = Objects.requireNonNull(discovery, "discovery");
			return this;
		}

		/**
		 * Resolves addresses of the form {@code scheme:///name} through {@code discovery}, which
		 * is given the name and the proxy's version. {@code dns} is built in.
		 */
		public Builder discovery(String scheme, EndpointDiscovery discovery) {
			if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
				throw new IllegalArgumentException("'" + scheme + "' is not a URI scheme in lower case");
			}
			this.discoveries.put(scheme, Objects.requireNonNull(discovery, "discovery"));
			return this;
		}

		/**
		 * How long a connection may read nothing before the client pings the server
		 * ({@code rpc.ping}); zero for no pings. Only jrpc servers (native frames) are pinged.
		 */
		public Builder keepaliveInterval(Duration interval) {
			if (interval.isNegative()) {
				throw new IllegalArgumentException("keepaliveInterval must not be negative, was " + interval);
			}
			this.keepaliveInterval = interval;
			return this;
		}

		/** How long a ping waits for its answer before the connection is closed and its calls fail. */
		public Builder keepaliveTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("keepaliveTimeout must be positive, was " + timeout);
			}
			this.keepaliveTimeout = timeout;
			return this;
		}

		/**
		 * How often the addresses of a {@code dns:///host:port} name are resolved again; 30 s by
		 * default. The JVM's own DNS cache ({@code networkaddress.cache.ttl}) may hold answers
		 * longer.
		 */
		public Builder dnsRefreshInterval(Duration interval) {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("dnsRefreshInterval must be positive, was " + interval);
			}
			this.dnsRefreshInterval = interval;
			return this;
		}

		/**
		 * The retry budget of each proxy, gRPC's retry throttling: {@code maxTokens} tokens, one taken
		 * by each attempt of an idempotent call that may have run and failed, {@code tokenRatio} given
		 * back by each success; retries only while more than half are left. 10 and 0.1 by default.
		 */
		public Builder retryBudget(int maxTokens, double tokenRatio) {
			if (maxTokens < 1 || !(tokenRatio > 0) || tokenRatio > maxTokens) {
				throw new IllegalArgumentException("The retry budget needs at least 1 token and a token ratio above 0,"
						+ " was " + maxTokens + " tokens and a ratio of " + tokenRatio);
			}
			this.budgetMaxTokens = maxTokens;
			this.budgetTokenRatio = tokenRatio;
			return this;
		}

		/**
		 * How long a server whose connection failed rests before it is tried again: {@code initial}
		 * after the first failure, {@code multiplier} times longer after each further one, at most
		 * {@code max}, each spread by {@code jitter} (a fraction) either way. By default 1 s, 1.6,
		 * 120 s and 0.2, as gRPC.
		 */
		public Builder connectBackoff(Duration initial, double multiplier, Duration max, double jitter) {
			if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1 || jitter < 0
					|| jitter >= 1) {
				throw new IllegalArgumentException("The connection backoff needs a positive initial delay, a maximum no"
						+ " shorter, a multiplier of at least 1 and a jitter from 0 to below 1, was " + initial + ", "
						+ max + ", " + multiplier + " and " + jitter);
			}
			this.backoffInitial = initial;
			this.backoffMultiplier = multiplier;
			this.backoffMax = max;
			this.backoffJitter = jitter;
			return this;
		}

		/**
		 * Sets aside a server that lets {@code consecutiveTimeouts} calls in a row time out while
		 * others answer, for {@code ejectionTime}, that much longer each time in a row (at most 10
		 * times); never the last server that could take calls. By default 5 and 30 s.
		 */
		public Builder outlierEjection(int consecutiveTimeouts, Duration ejectionTime) {
			if (consecutiveTimeouts < 1 || ejectionTime.isNegative() || ejectionTime.isZero()) {
				throw new IllegalArgumentException("Outlier ejection needs at least 1 timeout and a positive time, was "
						+ consecutiveTimeouts + " and " + ejectionTime);
			}
			this.ejectAfterTimeouts = consecutiveTimeouts;
			this.ejectionTime = ejectionTime;
			return this;
		}

		/** How proxies spread calls over endpoints unless they say otherwise; round-robin by default. */
		public Builder loadBalancing(LoadBalancing loadBalancing) {
			this.loadBalancing = Objects.requireNonNull(loadBalancing, "loadBalancing");
			return this;
		}

		/** Attempts in all of a call of an idempotent method that may have run, unless a proxy says otherwise. */
		public Builder maxAttempts(int attempts) {
			this.maxAttempts = checkAttempts(attempts);
			return this;
		}

		/**
		 * Speaks TLS to every server, unless a proxy says otherwise, with the context
		 * {@code context} gives for each new connection: a client context
		 * ({@code SslContextBuilder.forClient()}), whose trust manager decides which servers are
		 * trusted and whose key manager, if any, gives the client's own certificate for mutual TLS. A
		 * supplier that gives a new context after a certificate was renewed serves the next
		 * connections with it. Each server's certificate must match its host, or
		 * {@link #tlsServerName}: Netty's client contexts check host names unless built with
		 * {@code endpointIdentificationAlgorithm(null)}.
		 */
		public Builder tls(Supplier<SslContext> context) {
			this.tlsContext = checkClientContext(context);
			return this;
		}

		/**
		 * The host name servers' certificates must match, and that is sent to them as SNI, in place
		 * of each endpoint's own host: for endpoints that are IP addresses, as discovery often gives.
		 */
		public Builder tlsServerName(String name) {
			this.tlsServerName = checkServerName(name);
			return this;
		}

		static Supplier<SslContext> checkClientContext(Supplier<SslContext> context) {
			Objects.requireNonNull(context, "context");
			SslContext now = context.get();
			if (now == null || !now.isClient()) {
				throw new IllegalArgumentException("The TLS context of a client must be a client context"
						+ " (SslContextBuilder.forClient()), was " + ((now == null) ? "null" : "a server context"));
			}
			return context;
		}

		static String checkServerName(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("tlsServerName must name a host, was '" + name + "'");
			}
			return name.strip();
		}

		/**
		 * Adds a step at the head of every connection's pipeline, before framing, such as TLS.
		 * Internal: not for applications.
		 */
		Builder firstStep(PipelineStep step) {
			this.firstSteps.add(Objects.requireNonNull(step, "step"));
			return this;
		}

		static int checkAttempts(int attempts) {
			if (attempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
			}
			return attempts;
		}

		/**
		 * Calls the server of this JVM that listens under {@code name}
		 * ({@link RpcServer.Builder#inProcess(String)}), from every proxy, whatever its address,
		 * without a socket: the same JSON-RPC messages over Netty's local transport. For tests.
		 */
		public Builder inProcess(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("The in-process name must not be blank");
			}
			this.inProcessName = name;
			return this;
		}

		/** Adds an interceptor around every call; interceptors run in the order they are added. */
		public Builder interceptor(RpcClientInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
			return this;
		}

		/**
		 * Observes every call with {@code registry}: a timer {@code rpc.client.call.duration}, and
		 * with a tracing handler, a span whose context travels in the request's {@code meta}
		 * ({@code traceparent}). The observation wraps the interceptors.
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/** Names and tags the observations with {@code convention} instead of the default one. */
		public Builder observationConvention(RpcClientObservationConvention convention) {
			this.observationConvention = Objects.requireNonNull(convention, "convention");
			return this;
		}

		public RpcClient build() {
			if (this.tlsServerName != null && this.tlsContext == null) {
				throw new IllegalStateException("tlsServerName is set, but no TLS context (tls(...)): the client would"
						+ " speak plaintext and the name would be ignored");
			}
			return new RpcClient(this);
		}

	}

}
