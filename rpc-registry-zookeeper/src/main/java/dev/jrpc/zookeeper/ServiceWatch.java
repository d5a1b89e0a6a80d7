package dev.jrpc.zookeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a Curator {@link ServiceCache} of one service, turned into the endpoint lists
 * its listener gets.
 * <p>
 * Every event, the cache's and the connection's, runs on the registry's single thread, which is
 * the only one to touch the state below, so the listener never gets two updates at once and never
 * runs on a ZooKeeper or Curator thread. The listener is told:
 * <ul>
 * <li>the whole list once the cache has read the service, even when it is empty;</li>
 * <li>at once, an endpoint that appears or changes;</li>
 * <li>an endpoint that goes only once it has stayed gone for the removal delay, connected all
 * along. A server registers again in a new session by deleting the node and creating it anew
 * (see {@link InstanceDiscovery}), and the cache reads the whole service again after a
 * reconnection; neither is a server leaving, and neither reaches the listener;</li>
 * <li>nothing while the connection is suspended or lost: the cache then knows nothing new, so the
 * listener keeps the endpoints it last had, and clients keep calling them.</li>
 * </ul>
 */
final class ServiceWatch implements ServiceCacheListener, EndpointDiscovery.Subscription {

	private static final Logger logger = LoggerFactory.getLogger(ServiceWatch.class);

	private final ServiceCache<InstancePayload> cache;

	private final CuratorFramework client;

	private final String path;

	private final Consumer<List<Endpoint>> listener;

	private final ScheduledExecutorService executor;

	private final Duration removalDelay;

	private final Consumer<ServiceWatch> onClose;

	private final NodeDataSerializer serializer = new NodeDataSerializer();

	private final AtomicBoolean closed = new AtomicBoolean();

	// The fields below are touched on the executor's thread only.

	private @Nullable List<Endpoint> delivered;

	private boolean connected = true;

	private Set<String> goneAddresses = Set.of();

	private @Nullable ScheduledFuture<?> removal;

	private int reportedUnreadable;

	private Set<String> reportedNodes = Set.of();

	ServiceWatch(ServiceCache<InstancePayload> cache, CuratorFramework client, String path,
			Consumer<List<Endpoint>> listener, ScheduledExecutorService executor, Duration removalDelay,
			Consumer<ServiceWatch> onClose) {
		this.cache = cache;
		this.client = client;
		this.path = path;
		this.listener = listener;
		this.executor = executor;
		this.removalDelay = removalDelay;
		this.onClose = onClose;
	}

	/**
	 * Starts the cache and waits, at most {@code timeout}, until it has read the service; the first
	 * list then follows on the registry's thread.
	 */
	void start(Duration timeout) throws Exception {
		this.cache.addListener(this, this.executor);
		CountDownLatch initialized = this.cache.startImmediate();
		if (!initialized.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("ZooKeeper did not answer within " + timeout + " while reading " + this.path);
		}
		this.executor.execute(this::refresh);
	}

	@Override
	public void cacheChanged() {
		refresh();
	}

	@Override
	public void stateChanged(CuratorFramework client, ConnectionState newState) {
		this.connected = newState.isConnected();
		if (this.connected) {
			refresh();
		}
		else {
			cancelRemoval();
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.cache.close();
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not close the watch of {}: {}", this.path, ex.toString());
			}
			this.onClose.accept(this);
		}
	}

	private void refresh() {
		update(Set.of());
	}

	/**
	 * Tells the listener the cache's endpoints, but for those it had that are gone and have not
	 * been gone for the removal delay, unless they are among {@code expired}.
	 */
	private void update(Set<String> expired) {
		if (this.closed.get() || !this.connected) {
			return;
		}
		Map<String, Endpoint> current = currentEndpoints();
		List<Endpoint> delivered = this.delivered;
		if (delivered == null) {
			deliver(new ArrayList<>(current.values()));
			return;
		}
		Set<String> gone = new HashSet<>();
		List<Endpoint> kept = new ArrayList<>(current.values());
		for (Endpoint endpoint : delivered) {
			if (!current.containsKey(endpoint.address()) && !expired.contains(endpoint.address())) {
				gone.add(endpoint.address());
				kept.add(endpoint);
			}
		}
		if (gone.isEmpty()) {
			cancelRemoval();
		}
		else if (!gone.equals(this.goneAddresses)) {
			// Another absence: the removal of all waits a full delay from now.
			cancelRemoval();
			this.goneAddresses = gone;
			this.removal = this.executor.schedule(this::removeExpired, this.removalDelay.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		kept.sort(ServiceWatch::byAddress);
		deliver(kept);
	}

	private void removeExpired() {
		Set<String> expired = this.goneAddresses;
		this.removal = null;
		this.goneAddresses = Set.of();
		update(expired);
	}

	private void cancelRemoval() {
		if (this.removal != null) {
			this.removal.cancel(false);
			this.removal = null;
		}
		this.goneAddresses = Set.of();
	}

	/** The cache's endpoints by address, in address order; of two nodes with one address, the later. */
	private Map<String, Endpoint> currentEndpoints() {
		Map<String, ServiceInstance<InstancePayload>> byAddress = new TreeMap<>();
		int unreadable = 0;
		for (ServiceInstance<InstancePayload> instance : this.cache.getInstances()) {
			InstancePayload payload = instance.getPayload();
			if (payload == null) {
				unreadable++;
				continue;
			}
			String address = Endpoint.of(instance.getAddress(), instance.getPort()).address();
			byAddress.merge(address, instance,
					(one, other) -> (one.getRegistrationTimeUTC() >= other.getRegistrationTimeUTC()) ? one : other);
		}
		reportUnreadable(unreadable, byAddress);
		Map<String, Endpoint> endpoints = new TreeMap<>();
		byAddress.forEach((address, instance) -> endpoints.put(address, endpoint(instance)));
		return endpoints;
	}

	private static Endpoint endpoint(ServiceInstance<InstancePayload> instance) {
		InstancePayload payload = instance.getPayload();
		Map<String, String> metadata = new TreeMap<>(payload.metadata());
		metadata.put("version", payload.version());
		if (payload.startTime() != null) {
			metadata.put("startTime", payload.startTime().toString());
		}
		return new Endpoint(instance.getAddress(), instance.getPort(), payload.weight(), metadata);
	}

	/**
	 * Warns once of each node whose data cannot be read, by path, never with its data; or by count
	 * when ZooKeeper cannot tell which nodes they are.
	 */
	private void reportUnreadable(int unreadable, Map<String, ServiceInstance<InstancePayload>> readable) {
		if (unreadable > this.reportedUnreadable) {
			Set<String> nodes = unreadableNodes(readable);
			if (nodes == null) {
				logger.warn("Skipping {} node(s) under {} whose data is not a jrpc instance; see "
						+ "docs/registry-zookeeper.md", unreadable, this.path);
			}
			else {
				Set<String> unreported = new TreeSet<>(nodes);
				unreported.removeAll(this.reportedNodes);
				if (!unreported.isEmpty()) {
					logger.warn("Skipping node(s) {} under {}: their data is not a jrpc instance; see "
							+ "docs/registry-zookeeper.md", unreported, this.path);
				}
				this.reportedNodes = nodes;
			}
		}
		else if (unreadable == 0) {
			this.reportedNodes = Set.of();
		}
		this.reportedUnreadable = unreadable;
	}

	/** Reads again the nodes that are not among the readable instances, to name the unreadable ones. */
	private @Nullable Set<String> unreadableNodes(Map<String, ServiceInstance<InstancePayload>> readable) {
		try {
			Set<String> nodes = new TreeSet<>(this.client.getChildren().forPath(this.path));
			readable.values().forEach((instance) -> nodes.remove(instance.getId()));
			Set<String> unreadable = new TreeSet<>();
			for (String node : nodes) {
				try {
					byte[] data = this.client.getData().forPath(ZKPaths.makePath(this.path, node));
					if (!NodeDataSerializer.isReadable(this.serializer.deserialize(data))) {
						unreadable.add(node);
					}
				}
				catch (KeeperException.NoNodeException ex) {
					// Gone since.
				}
			}
			return unreadable;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return null;
		}
	}

	private void deliver(List<Endpoint> endpoints) {
		if (endpoints.equals(this.delivered)) {
			return;
		}
		List<Endpoint> list = List.copyOf(endpoints);
		this.delivered = list;
		try {
			this.listener.accept(list);
		}
		catch (RuntimeException ex) {
			logger.warn("The listener of {} failed", this.path, ex);
		}
	}

	private static int byAddress(Endpoint one, Endpoint other) {
		return one.address().compareTo(other.address());
	}

}
