package dev.jrpc.spring.cloud;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.internal.discovery.PollingSubscription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.HeartbeatMonitor;
import org.springframework.context.ApplicationListener;

/**
 * The endpoints of a service registered with Spring Cloud, for addresses
 * {@code discovery:///service-id}: one per instance that the {@link DiscoveryClient} lists, found
 * by these rules.
 * <ul>
 * <li>The port is the instance's metadata {@value #RPC_PORT_METADATA} when it has one, so that an
 * application registered with its HTTP port can announce its RPC port; otherwise the instance's
 * port. An instance without a usable port is left out, with a warning.</li>
 * <li>The weight is the metadata {@value #WEIGHT_METADATA} when it is a positive integer;
 * otherwise {@link Endpoint#DEFAULT_WEIGHT}.</li>
 * <li>When the subscription names a version, an instance whose metadata
 * {@value #VERSION_METADATA} differs is left out; one without that metadata serves any
 * version.</li>
 * <li>The endpoint carries the instance's metadata.</li>
 * </ul>
 * A {@code DiscoveryClient} cannot push and may block, so every service is listed on this
 * discovery's scheduler thread, never on the caller's: at once when subscribed (the first set
 * comes just after {@code subscribe} returns), then every refresh interval, and also when a
 * {@link HeartbeatEvent} says the registry changed. The listener hears only of changed sets; when
 * listing fails, the set last found is kept.
 */
public final class DiscoveryClientEndpointDiscovery
		implements EndpointDiscovery, ApplicationListener<HeartbeatEvent>, AutoCloseable {

	/** The scheme of the addresses this discovery resolves. */
	public static final String SCHEME = "discovery";

	/** How often a service's instances are listed again unless told otherwise. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

	/** The instance metadata that gives the RPC port, when it differs from the registered port. */
	public static final String RPC_PORT_METADATA = "rpc-port";

	/** The instance metadata that gives the weight, a positive integer. */
	public static final String WEIGHT_METADATA = "weight";

	/** The instance metadata that gives the version of the services it exports. */
	public static final String VERSION_METADATA = "version";

	private static final Logger logger = LoggerFactory.getLogger(DiscoveryClientEndpointDiscovery.class);

	private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::host)
		.thenComparingInt(Endpoint::port)
		.thenComparing((endpoint) -> new TreeMap<>(endpoint.metadata()).toString());

	private final DiscoveryClient discoveryClient;

	private final Duration refreshInterval;

	private final ScheduledExecutorService scheduler;

	private final boolean ownsScheduler;

	private final Set<PollingSubscription> subscriptions = ConcurrentHashMap.newKeySet();

	private final HeartbeatMonitor heartbeats = new HeartbeatMonitor();

	/**
	 * A discovery with a scheduler thread of its own, ended by {@link #close()}.
	 * @param refreshInterval how often a service's instances are listed again, positive
	 */
	public DiscoveryClientEndpointDiscovery(DiscoveryClient discoveryClient, Duration refreshInterval) {
		this(discoveryClient, refreshInterval, Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "jrpc-cloud-discovery");
			thread.setDaemon(true);
			return thread;
		}), true);
	}

	/**
	 * A discovery that lists services on {@code scheduler}, which stays the caller's to shut down.
	 * @param refreshInterval how often a service's instances are listed again, positive
	 * @param scheduler whose threads may block: never a Netty event loop
	 */
	public DiscoveryClientEndpointDiscovery(DiscoveryClient discoveryClient, Duration refreshInterval,
			ScheduledExecutorService scheduler) {
		this(discoveryClient, refreshInterval, scheduler, false);
	}

	private DiscoveryClientEndpointDiscovery(DiscoveryClient discoveryClient, Duration refreshInterval,
			ScheduledExecutorService scheduler, boolean ownsScheduler) {
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			if (ownsScheduler) {
				scheduler.shutdown();
			}
			throw new IllegalArgumentException(
					"The discovery refresh interval must be positive, was " + refreshInterval);
		}
		this.discoveryClient = Objects.requireNonNull(discoveryClient, "discoveryClient");
		this.refreshInterval = refreshInterval;
		this.scheduler = scheduler;
		this.ownsScheduler = ownsScheduler;
	}

	/**
	 * Lists the instances of {@code name} at once on the scheduler, then every refresh interval.
	 * @param name the service id
	 * @param version the version wanted, or empty for any
	 * @throws IllegalArgumentException when {@code name} is blank
	 */
	@Override
	public Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener) {
		if (name.isBlank()) {
			throw new IllegalArgumentException(
					"'" + SCHEME + ":///" + name + "' names no service: expected " + SCHEME + ":///service-id");
		}
		PollingSubscription subscription = new PollingSubscription("service '" + name + "' in Spring Cloud discovery",
				new ServiceLookup(name, version), listener, this.refreshInterval);
		this.subscriptions.add(subscription);
		subscription.schedule(this.scheduler, Duration.ZERO);
		return () -> {
			this.subscriptions.remove(subscription);
			subscription.close();
		};
	}

	/** Lists every subscribed service again, on the scheduler, when the registry says it changed. */
	@Override
	public void onApplicationEvent(HeartbeatEvent event) {
		if (!this.heartbeats.update(event.getValue())) {
			return;
		}
		for (PollingSubscription subscription : this.subscriptions) {
			try {
				this.scheduler.execute(subscription::refresh);
			}
			catch (RejectedExecutionException ex) {
				return;
			}
		}
	}

	/** Ends every subscription, and the scheduler thread when this discovery made it. */
	@Override
	public void close() {
		for (PollingSubscription subscription : this.subscriptions) {
			subscription.close();
		}
		this.subscriptions.clear();
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
	}

	/** The instances of one service as endpoints; called by one refresh at a time. */
	private final class ServiceLookup implements PollingSubscription.Lookup {

		private final String serviceId;

		private final String version;

		/** The instances left out by the last listing, warned about once while they stay so. */
		private Set<String> unusable = Set.of();

		ServiceLookup(String serviceId, String version) {
			this.serviceId = serviceId;
			this.version = version;
		}

		@Override
		public List<Endpoint> lookUp() {
			List<ServiceInstance> instances = DiscoveryClientEndpointDiscovery.this.discoveryClient
				.getInstances(this.serviceId);
			Set<String> leftOut = new HashSet<>();
			Map<String, Endpoint> byAddress = new LinkedHashMap<>();
			(instances != null ? instances : List.<ServiceInstance>of()).stream()
				.filter(this::hasVersion)
				.map((instance) -> endpoint(instance, leftOut))
				.filter(Objects::nonNull)
				.sorted(ORDER)
				.forEach((endpoint) -> byAddress.putIfAbsent(endpoint.address(), endpoint));
			this.unusable = leftOut;
			return List.copyOf(byAddress.values());
		}

		private boolean hasVersion(ServiceInstance instance) {
			if (this.version.isEmpty()) {
				return true;
			}
			String announced = metadata(instance).get(VERSION_METADATA);
			return announced == null || announced.equals(this.version);
		}

		private @Nullable Endpoint endpoint(ServiceInstance instance, Set<String> leftOut) {
			Map<String, String> metadata = metadata(instance);
			String host = instance.getHost();
			if (host != null && host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			String rpcPort = metadata.get(RPC_PORT_METADATA);
			int port = (rpcPort != null) ? parse(rpcPort) : instance.getPort();
			String problem = null;
			if (host == null || host.isBlank()) {
				problem = "it has no host";
			}
			else if (port < 1 || port > 65535) {
				problem = (rpcPort != null) ? "its " + RPC_PORT_METADATA + " metadata is not a port from 1 to 65535"
						: "its port " + port + " is not from 1 to 65535";
			}
			if (problem != null) {
				String name = (instance.getInstanceId() != null) ? instance.getInstanceId()
						: instance.getHost() + ':' + instance.getPort();
				if (leftOut.add(name) && !this.unusable.contains(name)) {
					logger.warn("Leaving out instance {} of service '{}': {}", name, this.serviceId, problem);
				}
				return null;
			}
			int weight = parse(metadata.getOrDefault(WEIGHT_METADATA, ""));
			return new Endpoint(host, port, (weight > 0) ? weight : Endpoint.DEFAULT_WEIGHT, metadata);
		}

	}

	/** The instance's metadata without null keys or values. */
	private static Map<String, String> metadata(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		if (metadata == null) {
			return Map.of();
		}
		Map<String, String> copy = new LinkedHashMap<>();
		metadata.forEach((key, value) -> {
			if (key != null && value != null) {
				copy.put(key, value);
			}
		});
		return copy;
	}

	/** The number, or -1 when it is not one. */
	private static int parse(String number) {
		try {
			return Integer.parseInt(number.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
