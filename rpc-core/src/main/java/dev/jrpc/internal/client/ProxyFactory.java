package dev.jrpc.internal.client;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.discovery.DnsEndpointDiscovery;
import dev.jrpc.internal.protocol.RemoteInterface;
import dev.jrpc.internal.protocol.RemoteMethod;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds proxies: parses the interface once, finds its endpoints, and puts together its call
 * path: return adapters, interceptors, cluster, connections.
 */
public final class ProxyFactory implements AutoCloseable {

	/** The JSON-RPC way of writing an address that names a discovery: {@code scheme:///name}. */
	private static final String SCHEME_SEPARATOR = ":///";

	/** How long {@link #close()} waits for its connections to have closed. */
	private static final long CLOSING_WAIT_MILLIS = 2_000;

	private final ConnectionPool connections;

	private final ObjectMapper mapper;

	private final Executor callbackExecutor;

	private final EventLoopGroup eventLoops;

	private final List<RpcClientInterceptor> interceptors;

	private final @Nullable EndpointDiscovery registry;

	private final Map<String, EndpointDiscovery> schemes;

	private final ClusterSettings clusterSettings;

	/** The server of this JVM every proxy calls, whatever its address, or null. */
	private final @Nullable String inProcessName;

	private final Ticker ticker;

	/** The calls waiting for their next attempt, which fail at once when this closes. */
	private final WaitingCalls waiting = new WaitingCalls();

	/** Endpoint sets by where they come from, shared by the proxies that want the same one. */
	private final Map<GroupKey, EndpointGroup> groups = new ConcurrentHashMap<>();

	private record GroupKey(String source, String name, String version, ConnectionKind kind) {
	}

	/**
	 * The proxies made here, one entry per interface and endpoint set however many proxies share
	 * them: as bounded as {@link #groups}.
	 */
	private final Set<ProxyReference> references = ConcurrentHashMap.newKeySet();

	private record ProxyReference(Class<?> type, String service, String version, String target, EndpointGroup group) {
	}

	private final Duration dnsRefreshInterval;

	/** The thread that resolves DNS names, started when the first {@code dns:///} proxy is built; guarded by this. */
	private @Nullable ScheduledExecutorService dnsThread;

	/**
	 * @param registry where proxies without an address find their service, or null
	 * @param schemes discoveries by the scheme of {@code scheme:///name} addresses
	 */
	public ProxyFactory(Bootstrap bootstrap, EventLoopGroup eventLoops, ObjectMapper mapper, ClientSettings settings,
			Executor callbackExecutor, List<RpcClientInterceptor> interceptors, @Nullable EndpointDiscovery registry,
			Map<String, EndpointDiscovery> schemes) {
		this.ticker = Ticker.SYSTEM;
		this.connections = new ConnectionPool(bootstrap, mapper, new ConnectionSettings(settings.maxFrameSize(),
				settings.keepaliveInterval(), settings.keepaliveTimeout(), settings.firstSteps(),
				settings.backoff(), this.ticker, callbackExecutor, settings.inProcessName()));
		this.inProcessName = settings.inProcessName();
		this.mapper = mapper;
		this.callbackExecutor = callbackExecutor;
		this.eventLoops = eventLoops;
		this.interceptors = List.copyOf(interceptors);
		this.registry = registry;
		Map<String, EndpointDiscovery> known = new HashMap<>(schemes);
		known.putIfAbsent(DnsEndpointDiscovery.SCHEME, this::subscribeDns);
		this.schemes = Map.copyOf(known);
		this.dnsRefreshInterval = settings.dnsRefreshInterval();
		this.clusterSettings = settings.cluster(this.ticker);
	}

	/**
	 * A proxy of {@code type} with {@code settings}.
	 * @throws IllegalArgumentException when a method cannot be called remotely, or the address is
	 * malformed or missing
	 * @throws IllegalStateException when the client is closed
	 */
	public <T> T create(Class<T> type, ProxySettings settings) {
		if (this.waiting.isClosed()) {
			throw closed(type);
		}
		String service = settings.plainNames() ? "" : settings.service();
		ReturnAdapter.Factory[] adapters = ReturnAdapters.all(this.eventLoops, this.callbackExecutor);
		Map<Method, ClientMethod> methods = new HashMap<>();
		ServerAddress observedServer = observedServer(settings);
		for (RemoteMethod remote : RemoteInterface.parse(type, service, settings.version(), this.mapper)) {
			if (!remote.method().isDefault()) {
				methods.put(remote.method(),
						new ClientMethod(type, remote, service, settings.version(), observedServer, this.mapper,
								adapters));
			}
		}
		EndpointGroup group = group(type, settings);
		if (this.waiting.isClosed()) {
			// The client closed while this proxy was made: its endpoint set may be one close() did not see.
			group.close();
			throw closed(type);
		}
		Cluster cluster = new Cluster(group, balancer(settings), this.clusterSettings.withMaxAttempts(settings.maxAttempts()),
				this.callbackExecutor, this.eventLoops, this.waiting);
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new ProxyInvocationHandler(type, Map.copyOf(methods),
						new ClientInterceptorChain(this.interceptors, cluster), settings.timeout().toNanos(),
						group.source()));
		this.references.add(new ProxyReference(type, service, settings.version(), target(settings), group));
		return type.cast(proxy);
	}

	private static IllegalStateException closed(Class<?> type) {
		return new IllegalStateException("Cannot make a proxy of " + type.getName() + ": its client is closed");
	}

	/**
	 * The server a proxy's observations name, as OpenTelemetry's {@code server.address} wants: the
	 * name it was given rather than the address of each endpoint, so that endpoints coming and going
	 * make no new series. The service name for the registry, the name of {@code scheme:///name}
	 * (with its port, if it has one); null for {@code host:port} lists, whose endpoints are named
	 * as configured.
	 */
	private @Nullable ServerAddress observedServer(ProxySettings settings) {
		if (this.inProcessName != null) {
			return new ServerAddress(this.inProcessName, -1);
		}
		String address = settings.address();
		if (address == null || address.isBlank()) {
			return new ServerAddress(settings.service(), -1);
		}
		int separator = address.indexOf(SCHEME_SEPARATOR);
		if (separator < 0) {
			return null;
		}
		String name = address.substring(separator + SCHEME_SEPARATOR.length()).strip();
		try {
			return ServerAddress.parse(name);
		}
		catch (IllegalArgumentException ex) {
			return new ServerAddress(name, -1);
		}
	}

	/** What a proxy calls, as its status view says it: its address, {@code registry}, or {@code in-process:<name>}. */
	private String target(ProxySettings settings) {
		String address = settings.address();
		if (this.inProcessName != null) {
			return "in-process:" + this.inProcessName;
		}
		return (address == null || address.isBlank()) ? "registry" : address.strip();
	}

	private static LoadBalancer balancer(ProxySettings settings) {
		return switch (settings.loadBalancing()) {
			case ROUND_ROBIN -> new RoundRobinBalancer();
			case LEAST_IN_FLIGHT -> new LeastInFlightBalancer();
			case CONSISTENT_HASH -> new ConsistentHashBalancer();
		};
	}

	/**
	 * The live set of endpoints that the proxy's address, or the registry, gives; the one endpoint
	 * standing for the in-process server when the client calls it.
	 */
	private EndpointGroup group(Class<?> type, ProxySettings settings) {
		String address = settings.address();
		String key = settings.version().isEmpty() ? settings.service() : settings.service() + ':' + settings.version();
		EndpointDiscovery discovery;
		String name;
		String source;
		if (this.inProcessName != null) {
			// Its connections go to the in-process server whatever the endpoint; the port is never used.
			List<Endpoint> inProcess = List.of(Endpoint.of(this.inProcessName, 1));
			discovery = (service, version, listener) -> {
				listener.accept(inProcess);
				return () -> {
				};
			};
			name = settings.service();
			source = "the in-process server '" + this.inProcessName + "'";
		}
		else if (address == null || address.isBlank()) {
			if (this.registry == null) {
				throw new IllegalArgumentException("No address for the proxy of " + type.getName()
						+ ": give host:port, dns:///host:port or discovery:///service-id, or configure a registry");
			}
			if (settings.plainNames()) {
				throw new IllegalArgumentException("The proxy of " + type.getName() + " calls plain method names and has "
						+ "no address: services exported with plain names are not registered, so give its address");
			}
			discovery = this.registry;
			name = settings.service();
			source = "the registry's providers of " + key;
		}
		else if (address.contains(SCHEME_SEPARATOR)) {
			String scheme = address.substring(0, address.indexOf(SCHEME_SEPARATOR));
			name = address.substring(address.indexOf(SCHEME_SEPARATOR) + SCHEME_SEPARATOR.length()).strip();
			discovery = this.schemes.get(scheme);
			if (discovery == null) {
				throw new IllegalArgumentException("Address '" + address + "' of the proxy of " + type.getName()
						+ " has scheme '" + scheme + "', which this client cannot resolve; known schemes: "
						+ this.schemes.keySet() + " (discovery:/// needs Spring Cloud Commons and a DiscoveryClient)");
			}
			if (name.isEmpty()) {
				throw new IllegalArgumentException("Address '" + address + "' names nothing after " + scheme
						+ SCHEME_SEPARATOR);
			}
			source = address.strip();
		}
		else if (address.contains("://")) {
			throw new IllegalArgumentException("Address '" + address + "' of the proxy of " + type.getName()
					+ " is not host:port[,host:port...] nor scheme:///name");
		}
		else {
			discovery = new StaticDiscovery(address);
			name = settings.service();
			source = address.strip();
		}
		EndpointDiscovery chosen = discovery;
		return this.groups.computeIfAbsent(
				new GroupKey(source, name, settings.version(),
						new ConnectionKind(settings.framing(), settings.maxInFlight(), settings.tls())),
				(group) -> new EndpointGroup(chosen, group.name(), group.version(), group.source(), this.connections,
						group.kind(), this.ticker));
	}

	/** DNS names resolve on a thread of their own: a lookup blocks, so never on an event loop. */
	private synchronized EndpointDiscovery.Subscription subscribeDns(String name, String version,
			Consumer<List<Endpoint>> listener) {
		if (this.dnsThread == null) {
			this.dnsThread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jrpc-client-dns", true));
		}
		return new DnsEndpointDiscovery(this.dnsThread, this.dnsRefreshInterval).subscribe(name, version, listener);
	}

	/** Every interface a proxy was made for, with the endpoints it calls and their state now. */
	public List<RpcClient.Reference> references() {
		long now = this.ticker.nanoTime();
		List<RpcClient.Reference> views = new ArrayList<>(this.references.size());
		for (ProxyReference reference : this.references) {
			List<RpcClient.EndpointStatus> endpoints = new ArrayList<>();
			for (Member member : reference.group().members()) {
				endpoints.add(member.connection().status(now));
			}
			views.add(new RpcClient.Reference(reference.type(), reference.service(), reference.version(),
					reference.target(), endpoints));
		}
		views.sort(Comparator.comparing((RpcClient.Reference view) -> view.type().getName())
			.thenComparing(RpcClient.Reference::service)
			.thenComparing(RpcClient.Reference::target));
		return views;
	}

	/** The connections of every proxy made here. */
	public ConnectionPool connections() {
		return this.connections;
	}

	/**
	 * Ends every subscription and closes every connection; calls in flight fail, and so do calls
	 * waiting to be tried again and calls made later, saying that the client is closed. Waits, up
	 * to 2 seconds, for the connections to have closed and their calls to have been told, even
	 * though the event loops, which clients may share, keep running (a call's future may still
	 * complete a moment later, on the callback executor); on one of those loops it does not wait,
	 * as the loop could be the one that must close them.
	 */
	@Override
	public void close() {
		// First, so that the calls the closing connections fail end here instead of being tried again.
		this.waiting.close();
		CompletableFuture<?> closed = this.connections.closeAll();
		this.groups.values().forEach(EndpointGroup::close);
		this.groups.clear();
		this.references.clear();
		synchronized (this) {
			if (this.dnsThread != null) {
				this.dnsThread.shutdownNow();
			}
		}
		for (EventExecutor loop : this.eventLoops) {
			if (loop.inEventLoop()) {
				return;
			}
		}
		try {
			closed.get(CLOSING_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Closing goes on in the background; a connection's failure to close is not the caller's.
		}
	}

}
