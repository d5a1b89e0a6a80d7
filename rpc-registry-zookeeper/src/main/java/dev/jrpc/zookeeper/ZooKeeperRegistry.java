package dev.jrpc.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.jrpc.discovery.Endpoint;
import dev.jrpc.discovery.EndpointDiscovery;
import dev.jrpc.discovery.ServiceRegistration;
import dev.jrpc.discovery.ServiceRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.zookeeper.common.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry in ZooKeeper, through Apache Curator's service-discovery recipe: servers announce
 * each service they export as an ephemeral node, clients watch the nodes of the services they call.
 * <p>
 * Layout: under the root path ({@value #DEFAULT_ROOT_PATH} by default), one node per service,
 * named {@code <name>} or {@code <name>:<version>}, and under it one ephemeral node per server,
 * named by a random id, whose data is a fixed JSON document; {@code docs/registry-zookeeper.md}
 * describes both for readers in other languages.
 * <p>
 * A registration lasts while the ZooKeeper session does; when the session is lost, Curator's
 * recipe creates the node again as soon as it is connected with a new one. A subscriber's listener
 * gets the whole list of endpoints first and on every change, on a thread of this registry; an
 * endpoint that goes is removed only after {@value #REMOVAL_DELAY_MILLIS} ms, and nothing is
 * removed while ZooKeeper is unreachable, so that an outage leaves clients with the endpoints they
 * had.
 * <p>
 * Built on an application's {@link CuratorFramework} (its connection, chroot, ACLs and
 * authentication), which it starts if needed but never closes; or through {@link #builder(String)},
 * on a framework of its own that {@link #close()} closes.
 */
public final class ZooKeeperRegistry implements ServiceRegistry, EndpointDiscovery, AutoCloseable {

	/** The node under which services are registered, unless told otherwise. */
	public static final String DEFAULT_ROOT_PATH = "/jrpc";

	/**
	 * How long a session lives without contact, unless told otherwise: Curator's own default. The
	 * ZooKeeper server bounds it (by default to 20 ticks, 40 seconds).
	 */
	public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);

	/** How long an operation waits for a connection, unless told otherwise: Curator's own default. */
	public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

	/** How long an endpoint must stay gone before a subscriber is told. */
	static final long REMOVAL_DELAY_MILLIS = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperRegistry.class);

	private final CuratorFramework client;

	private final boolean ownsClient;

	private final String rootPath;

	private final ServiceDiscovery<InstancePayload> discovery;

	private final ScheduledExecutorService executor;

	private final Duration removalDelay;

	private final Set<ServiceWatch> watches = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * A registry under {@value #DEFAULT_ROOT_PATH} on {@code client}, which is started if it has not
	 * been and is never closed by this registry.
	 */
	public ZooKeeperRegistry(CuratorFramework client) {
		this(client, DEFAULT_ROOT_PATH);
	}

	/**
	 * A registry under {@code rootPath} on {@code client}, which is started if it has not been and is
	 * never closed by this registry.
	 */
	public ZooKeeperRegistry(CuratorFramework client, String rootPath) {
		this(client, rootPath, false, Duration.ofMillis(REMOVAL_DELAY_MILLIS));
	}

	ZooKeeperRegistry(CuratorFramework client, String rootPath, boolean ownsClient, Duration removalDelay) {
		this.client = Objects.requireNonNull(client, "client");
		this.rootPath = checkRootPath(rootPath);
		this.ownsClient = ownsClient;
		this.removalDelay = removalDelay;
		if (client.getState() == CuratorFrameworkState.STOPPED) {
			throw new IllegalArgumentException("The CuratorFramework of a ZooKeeperRegistry must not be closed");
		}
		if (client.getState() == CuratorFrameworkState.LATENT) {
			client.start();
		}
		// Our serializer, never Curator's JsonInstanceSerializer: see NodeDataSerializer.
		this.discovery = new InstanceDiscovery(client, this.rootPath, new NodeDataSerializer());
		try {
			// Registers nothing yet: it listens for reconnections, to register again after them.
			this.discovery.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start service discovery under " + this.rootPath, ex);
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "jrpc-zookeeper");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		this.executor = executor;
	}

	/** A builder of a registry that connects to {@code connectString} and owns its connection. */
	public static Builder builder(String connectString) {
		return new Builder(connectString);
	}

	/**
	 * Registers an ephemeral node for {@code registration}, until the returned handle is closed or
	 * this registry is.
	 * @throws IllegalStateException when ZooKeeper cannot be reached within the connection timeout
	 */
	@Override
	public Registration register(ServiceRegistration registration) {
		checkOpen();
		String service = nodeName(registration.name(), registration.version());
		Endpoint endpoint = registration.endpoint();
		ServiceInstance<InstancePayload> instance = new ServiceInstance<>(service, UUID.randomUUID().toString(),
				endpoint.host(), endpoint.port(), null,
				new InstancePayload(registration.version(), endpoint.weight(), registration.startTime(),
						endpoint.metadata()),
				System.currentTimeMillis(), ServiceType.DYNAMIC, null);
		String path = ZKPaths.makePath(this.rootPath, service, instance.getId());
		awaitConnection("register " + service + " at " + endpoint);
		try {
			this.discovery.registerService(instance);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// The recipe remembers the instance before it writes it: forget it, in the background
			// since ZooKeeper is not answering, lest it register it after a reconnection.
			this.executor.execute(() -> unregister(instance, path));
			throw new IllegalStateException("Could not register " + service + " at " + endpoint + " in ZooKeeper at "
					+ connectString() + ": " + ex, ex);
		}
		logger.info("Registered {} at {} as {}", service, endpoint, path);
		return new ZooKeeperRegistration(instance, path);
	}

	/**
	 * Watches the nodes of a service; {@code listener} gets the first list once ZooKeeper has
	 * answered, then a list on every change, on this registry's thread.
	 * @throws IllegalStateException when ZooKeeper does not answer within the connection timeout
	 */
	@Override
	public Subscription subscribe(String name, String version, Consumer<List<Endpoint>> listener) {
		checkOpen();
		Objects.requireNonNull(listener, "listener");
		String service = nodeName(name, version);
		String path = ZKPaths.makePath(this.rootPath, service);
		awaitConnection("watch " + path);
		ServiceWatch watch = new ServiceWatch(this.discovery.serviceCacheBuilder().name(service).build(), this.client,
				path, listener, this.executor, this.removalDelay, this.watches::remove);
		this.watches.add(watch);
		try {
			watch.start(connectionTimeout());
		}
		catch (Exception ex) {
			watch.close();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("Could not watch " + path + " in ZooKeeper at " + connectString() + ": " + ex,
					ex);
		}
		return watch;
	}

	/**
	 * Ends every subscription, removes every node still registered, and closes the Curator framework
	 * if this registry made it.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		for (ServiceWatch watch : List.copyOf(this.watches)) {
			watch.close();
		}
		try {
			this.discovery.close();
		}
		catch (Exception ex) {
			logger.warn("Could not remove every registration from ZooKeeper; they go when the session ends: {}",
					ex.toString());
		}
		this.executor.shutdownNow();
		if (this.ownsClient) {
			this.client.close();
		}
	}

	@Override
	public String toString() {
		return "ZooKeeperRegistry[" + connectString() + this.rootPath + "]";
	}

	/** The node of a service under the root: {@code name}, or {@code name:version}. */
	static String nodeName(String name, String version) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(version, "version");
		if (name.isBlank()) {
			throw new IllegalArgumentException("A service name must not be blank");
		}
		if (name.indexOf('/') >= 0 || version.indexOf('/') >= 0) {
			throw new IllegalArgumentException(
					"Service " + name + " version " + version + " cannot be a ZooKeeper node name: it holds a '/'");
		}
		String node = version.isEmpty() ? name : name + ':' + version;
		try {
			PathUtils.validatePath("/" + node);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Service " + name + " version " + version + " cannot be a ZooKeeper node name: " + ex.getMessage(), ex);
		}
		return node;
	}

	private static String checkRootPath(String rootPath) {
		Objects.requireNonNull(rootPath, "rootPath");
		try {
			PathUtils.validatePath(rootPath);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Root path '" + rootPath + "' is not a ZooKeeper path: " + ex.getMessage(),
					ex);
		}
		return rootPath;
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException(this + " is closed");
		}
	}

	/**
	 * Waits up to the connection timeout for a connection, so that an unreachable ZooKeeper fails an
	 * operation once, before Curator's recipe has remembered anything of it.
	 */
	private void awaitConnection(String operation) {
		Duration timeout = connectionTimeout();
		try {
			if (this.client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IllegalStateException("Could not " + operation + ": no connection to ZooKeeper at " + connectString()
				+ " within " + timeout);
	}

	private Duration connectionTimeout() {
		return Duration.ofMillis(this.client.getZookeeperClient().getConnectionTimeoutMs());
	}

	private String connectString() {
		return String.valueOf(this.client.getZookeeperClient().getCurrentConnectionString());
	}

	private void unregister(ServiceInstance<InstancePayload> instance, String path) {
		try {
			this.discovery.unregisterService(instance);
			logger.info("Deregistered {}", path);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Could not remove {} from ZooKeeper; it goes when the session ends: {}", path, ex.toString());
		}
	}

	private final class ZooKeeperRegistration implements Registration {

		private final ServiceInstance<InstancePayload> instance;

		private final String path;

		private final AtomicBoolean closed = new AtomicBoolean();

		ZooKeeperRegistration(ServiceInstance<InstancePayload> instance, String path) {
			this.instance = instance;
			this.path = path;
		}

		/**
		 * Deletes the node. While ZooKeeper is unreachable this waits as long as Curator's retries,
		 * then leaves the node to Curator's guaranteed delete or to the end of the session.
		 */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true) && !ZooKeeperRegistry.this.closed.get()) {
				unregister(this.instance, this.path);
			}
		}

	}

	/** Settings of a registry that owns its connection to ZooKeeper. */
	public static final class Builder {

		private final String connectString;

		private String rootPath = DEFAULT_ROOT_PATH;

		private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;

		private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

		private Builder(String connectString) {
			Objects.requireNonNull(connectString, "connectString");
			if (connectString.isBlank()) {
				throw new IllegalArgumentException("A ZooKeeper connect string must not be blank");
			}
			this.connectString = connectString;
		}

		/** The node under which services are registered; {@value #DEFAULT_ROOT_PATH} by default. */
		public Builder rootPath(String rootPath) {
			this.rootPath = checkRootPath(rootPath);
			return this;
		}

		/** How long the session lives without contact; the ZooKeeper server may bound it. */
		public Builder sessionTimeout(Duration timeout) {
			this.sessionTimeout = checkPositive(timeout, "sessionTimeout");
			return this;
		}

		/** How long an operation waits for a connection before Curator retries or gives up. */
		public Builder connectionTimeout(Duration timeout) {
			this.connectionTimeout = checkPositive(timeout, "connectionTimeout");
			return this;
		}

		/** Starts a Curator framework, which connects in the background, and a registry on it. */
		public ZooKeeperRegistry build() {
			// An operation that finds no connection waits up to the connection timeout, then is retried
			// three times, 100 ms to 1 s apart.
			CuratorFramework client = CuratorFrameworkFactory.builder()
				.connectString(this.connectString)
				.sessionTimeoutMs(millis(this.sessionTimeout))
				.connectionTimeoutMs(millis(this.connectionTimeout))
				.retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
				.build();
			try {
				return new ZooKeeperRegistry(client, this.rootPath, true, Duration.ofMillis(REMOVAL_DELAY_MILLIS));
			}
			catch (RuntimeException ex) {
				client.close();
				throw ex;
			}
		}

		private static Duration checkPositive(Duration duration, String name) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

		private static int millis(Duration duration) {
			return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
		}

	}

}
