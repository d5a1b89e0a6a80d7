package dev.jrpc.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.jrpc.LoadBalancing;
import dev.jrpc.RpcFraming;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of jrpc, under {@code rpc}.
 */
@ConfigurationProperties("rpc")
public class RpcProperties {

	private final Server server = new Server();

	private final Client client = new Client();

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	/** The server, started when the context holds at least one @RpcService bean. */
	public static class Server {

		/**
		 * Whether to start the server when the context holds @RpcService beans.
		 */
		private boolean enabled = true;

		/**
		 * Address to bind; all interfaces by default.
		 */
		private @Nullable String address;

		/**
		 * Port to listen on; 0 for a free port, published as local.rpc.server.port.
		 */
		private int port = 7070;

		/**
		 * Largest request or response the server accepts or sends; below 16MB.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(8);

		/**
		 * Most requests one JSON-RPC batch may hold; a larger batch is refused with one error.
		 */
		private int maxBatchSize = 100;

		/**
		 * How long a stop waits for calls in flight before closing connections.
		 */
		private Duration shutdownGracePeriod = Duration.ofSeconds(10);

		/**
		 * Most threads that run service methods at once; they start when needed, and one
		 * without work for a minute ends.
		 */
		private int workerThreads = 200;

		/**
		 * Calls that may wait for a free worker; beyond that, the newest call of the connection
		 * that holds the most waiting gets a "server busy" error.
		 */
		private int queueCapacity = 1000;

		/**
		 * Event loop threads; the number of processors by default.
		 */
		private @Nullable Integer ioThreads;

		/**
		 * Host, or host:port, announced to the registry; by default a specific bind address, else
		 * this host's first non-loopback address, with the bound port.
		 */
		private @Nullable String advertisedAddress;

		/**
		 * Share of calls this server asks for, relative to the other servers of its services.
		 */
		private int weight = 100;

		/**
		 * Age after which a connection is sent away (rpc.goaway), with 10% jitter, so that clients
		 * behind one virtual IP spread over the servers as they reconnect; none by default.
		 */
		private @Nullable Duration maxConnectionAge;

		/**
		 * How long a new connection may take to begin its first message before it is closed; 0
		 * disables it.
		 */
		private Duration firstByteTimeout = Duration.ofSeconds(10);

		/**
		 * How long a message may take to arrive whole, once begun, before its connection is closed;
		 * time during which the server paused reading does not count. 0 disables it.
		 */
		private Duration messageReadTimeout = Duration.ofSeconds(30);

		/**
		 * How long a connection with no call in flight may go without any traffic before it is
		 * closed; 0 disables it. A jrpc client's keepalive pings keep its connections open.
		 */
		private Duration idleTimeout = Duration.ofMinutes(5);

		/**
		 * Most bytes all connections together may hold of messages not yet read whole; a
		 * connection whose message finds no room is not read until room frees up. Half of the
		 * JVM's direct memory by default; at least max-frame-size.
		 */
		private @Nullable DataSize maxInboundBuffer;

		private final ServerSsl ssl = new ServerSsl();

		private final ServerSecurity security = new ServerSecurity();

		private final Discover discover = new Discover();

		public ServerSsl getSsl() {
			return this.ssl;
		}

		public ServerSecurity getSecurity() {
			return this.security;
		}

		public Discover getDiscover() {
			return this.discover;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public @Nullable DataSize getMaxInboundBuffer() {
			return this.maxInboundBuffer;
		}

		public void setMaxInboundBuffer(@Nullable DataSize maxInboundBuffer) {
			this.maxInboundBuffer = maxInboundBuffer;
		}

		public Duration getFirstByteTimeout() {
			return this.firstByteTimeout;
		}

		public void setFirstByteTimeout(Duration firstByteTimeout) {
			this.firstByteTimeout = firstByteTimeout;
		}

		public Duration getMessageReadTimeout() {
			return this.messageReadTimeout;
		}

		public void setMessageReadTimeout(Duration messageReadTimeout) {
			this.messageReadTimeout = messageReadTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getShutdownGracePeriod() {
			return this.shutdownGracePeriod;
		}

		public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
			this.shutdownGracePeriod = shutdownGracePeriod;
		}

		public int getWorkerThreads() {
			return this.workerThreads;
		}

		public void setWorkerThreads(int workerThreads) {
			this.workerThreads = workerThreads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public @Nullable Integer getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(@Nullable Integer ioThreads) {
			this.ioThreads = ioThreads;
		}

		public @Nullable String getAdvertisedAddress() {
			return this.advertisedAddress;
		}

		public void setAdvertisedAddress(@Nullable String advertisedAddress) {
			this.advertisedAddress = advertisedAddress;
		}

		public int getWeight() {
			return this.weight;
		}

		public void setWeight(int weight) {
			this.weight = weight;
		}

		public @Nullable Duration getMaxConnectionAge() {
			return this.maxConnectionAge;
		}

		public void setMaxConnectionAge(@Nullable Duration maxConnectionAge) {
			this.maxConnectionAge = maxConnectionAge;
		}

	}

	/** The client behind every @RpcReference. */
	public static class Client {

		/**
		 * Default address of every reference without its own: host:port or a comma-separated list,
		 * dns:///host:port, or discovery:///service-id.
		 */
		private @Nullable String address;

		/**
		 * How calls are spread over a service's endpoints unless its settings say otherwise.
		 */
		private LoadBalancing loadBalancer = LoadBalancing.ROUND_ROBIN;

		/**
		 * How long a connection may read nothing before the client pings the server.
		 */
		private Duration keepaliveInterval = Duration.ofSeconds(30);

		/**
		 * How long a keepalive ping waits for its answer before the connection is closed.
		 */
		private Duration keepaliveTimeout = Duration.ofSeconds(10);

		/**
		 * How often the addresses of a dns:/// name are resolved again.
		 */
		private Duration dnsRefreshInterval = Duration.ofSeconds(30);

		private final Retry retry = new Retry();

		private final ConnectBackoff connectBackoff = new ConnectBackoff();

		private final OutlierEjection outlierEjection = new OutlierEjection();

		private final ClientHealth health = new ClientHealth();

		/**
		 * How long a call waits for its answer unless its reference says otherwise.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * How long opening a connection may take.
		 */
		private Duration connectTimeout = Duration.ofSeconds(3);

		/**
		 * Largest request or response the client sends or accepts; below 16MB.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(8);

		/**
		 * Per-service settings, by service name; write a name with dots in brackets, as in
		 * rpc.client.services[com.example.Greeter].address.
		 */
		private final Map<String, Service> services = new LinkedHashMap<>();

		private final ClientSsl ssl = new ClientSsl();

		private final Authentication authentication = new Authentication();

		public ClientSsl getSsl() {
			return this.ssl;
		}

		/** Credentials sent with every call, unless a service has its own. */
		public Authentication getAuthentication() {
			return this.authentication;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public Map<String, Service> getServices() {
			return this.services;
		}

		public LoadBalancing getLoadBalancer() {
			return this.loadBalancer;
		}

		public void setLoadBalancer(LoadBalancing loadBalancer) {
			this.loadBalancer = loadBalancer;
		}

		public Duration getKeepaliveInterval() {
			return this.keepaliveInterval;
		}

		public void setKeepaliveInterval(Duration keepaliveInterval) {
			this.keepaliveInterval = keepaliveInterval;
		}

		public Duration getKeepaliveTimeout() {
			return this.keepaliveTimeout;
		}

		public void setKeepaliveTimeout(Duration keepaliveTimeout) {
			this.keepaliveTimeout = keepaliveTimeout;
		}

		public Duration getDnsRefreshInterval() {
			return this.dnsRefreshInterval;
		}

		public void setDnsRefreshInterval(Duration dnsRefreshInterval) {
			this.dnsRefreshInterval = dnsRefreshInterval;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public ConnectBackoff getConnectBackoff() {
			return this.connectBackoff;
		}

		public OutlierEjection getOutlierEjection() {
			return this.outlierEjection;
		}

		public ClientHealth getHealth() {
			return this.health;
		}

	}

	/** Retries of calls to idempotent methods that may have run. */
	public static class Retry {

		/**
		 * Attempts in all of a call to an @Idempotent method that timed out or lost its connection;
		 * 1 for no retry. Calls that provably did not run are tried on another server regardless.
		 */
		private int maxAttempts = 3;

		private final Budget budget = new Budget();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/** The retry budget of each reference, gRPC's retry throttling. */
	public static class Budget {

		/**
		 * Tokens of each reference's retry budget; each failed attempt of an idempotent call that
		 * may have run takes one, and retries stop while half or fewer are left.
		 */
		private int maxTokens = 10;

		/**
		 * Tokens each successful call gives back to the retry budget.
		 */
		private double tokenRatio = 0.1;

		public int getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(int maxTokens) {
			this.maxTokens = maxTokens;
		}

		public double getTokenRatio() {
			return this.tokenRatio;
		}

		public void setTokenRatio(double tokenRatio) {
			this.tokenRatio = tokenRatio;
		}

	}

	/** How long a server whose connection failed rests before it is tried again. */
	public static class ConnectBackoff {

		/**
		 * Rest of a server after its first failed connection.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * How much longer each further rest is.
		 */
		private double multiplier = 1.6;

		/**
		 * Longest rest, before its jitter.
		 */
		private Duration maxDelay = Duration.ofSeconds(120);

		/**
		 * Spread of each rest, as a fraction either way.
		 */
		private double jitter = 0.2;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/** Setting aside a server that keeps timing out while others answer. */
	public static class OutlierEjection {

		/**
		 * Timeouts in a row that set a server aside while other servers answer.
		 */
		private int consecutiveTimeouts = 5;

		/**
		 * How long a server is first set aside; that much longer each time in a row.
		 */
		private Duration ejectionTime = Duration.ofSeconds(30);

		public int getConsecutiveTimeouts() {
			return this.consecutiveTimeouts;
		}

		public void setConsecutiveTimeouts(int consecutiveTimeouts) {
			this.consecutiveTimeouts = consecutiveTimeouts;
		}

		public Duration getEjectionTime() {
			return this.ejectionTime;
		}

		public void setEjectionTime(Duration ejectionTime) {
			this.ejectionTime = ejectionTime;
		}

	}

	/** The server's self-description, {@code rpc.discover}. */
	public static class Discover {

		/**
		 * Whether the server answers rpc.discover with the OpenRPC document of its exported
		 * methods; when false, rpc.discover is an unknown method.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** How the references count in the rpc health component, when the application has Actuator. */
	public static class ClientHealth {

		/**
		 * Whether a reference without an available endpoint turns the rpc health component DOWN; by
		 * default the component shows it and its status follows the server alone.
		 */
		private boolean referencesRequired;

		public boolean isReferencesRequired() {
			return this.referencesRequired;
		}

		public void setReferencesRequired(boolean referencesRequired) {
			this.referencesRequired = referencesRequired;
		}

	}

	/** Retries of calls to one service's idempotent methods that may have run. */
	public static class ServiceRetry {

		/**
		 * Attempts in all of a call to an @Idempotent method of the service that timed out or lost
		 * its connection; 1 for no retry.
		 */
		private @Nullable Integer maxAttempts;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/** Settings of the references to one service. */
	public static class Service {

		/**
		 * Address of the service: host:port or a comma-separated list, dns:///host:port, or
		 * discovery:///service-id.
		 */
		private @Nullable String address;

		/**
		 * How calls to the service are spread over its endpoints.
		 */
		private @Nullable LoadBalancing loadBalancer;

		private final ServiceRetry retry = new ServiceRetry();

		/**
		 * How long a call to the service waits for its answer.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether the server's methods answer to their plain names, with no service prefix, as
		 * most JSON-RPC servers name them.
		 */
		private boolean plainNames;

		/**
		 * How messages are delimited: native frames, or a JSON stream for servers that read one.
		 */
		private RpcFraming framing = RpcFraming.NATIVE;

		/**
		 * Most calls in flight at once per connection, 0 for no limit; 1 for servers that read one
		 * request at a time.
		 */
		private int maxInFlight;

		private final ClientSsl ssl = new ClientSsl();

		private final Authentication authentication = new Authentication();

		/** Credentials sent with every call to this service, in place of rpc.client.authentication. */
		public Authentication getAuthentication() {
			return this.authentication;
		}

		/** TLS to this service's servers; unset members follow rpc.client.ssl. */
		public ClientSsl getSsl() {
			return this.ssl;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isPlainNames() {
			return this.plainNames;
		}

		public void setPlainNames(boolean plainNames) {
			this.plainNames = plainNames;
		}

		public RpcFraming getFraming() {
			return this.framing;
		}

		public void setFraming(RpcFraming framing) {
			this.framing = framing;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public @Nullable LoadBalancing getLoadBalancer() {
			return this.loadBalancer;
		}

		public void setLoadBalancer(@Nullable LoadBalancing loadBalancer) {
			this.loadBalancer = loadBalancer;
		}

		public ServiceRetry getRetry() {
			return this.retry;
		}

	}

	public static class ServerSecurity {

		/**
		 * Whether every call must carry credentials the application's Spring Security accepts
		 * (meta.authorization, or with mutual TLS the client certificate); a call without them is
		 * answered -32003 and never reaches the service. With none, credentials a call carries are
		 * still checked, and a call without them runs unauthenticated.
		 */
		private AuthenticationMode authentication = AuthenticationMode.NONE;

		public AuthenticationMode getAuthentication() {
			return this.authentication;
		}

		public void setAuthentication(AuthenticationMode authentication) {
			this.authentication = authentication;
		}

	}

	/** Whether the server requires callers to authenticate. */
	public enum AuthenticationMode {

		/** Calls without credentials run unauthenticated. */
		NONE,

		/** Calls without valid credentials are refused. */
		REQUIRED

	}

	/** Whether a TLS server asks clients for a certificate. */
	public enum ClientAuth {

		/** It does not ask. */
		NONE,

		/** It asks; a client without one is served, with no certificate to show. */
		WANT,

		/** It asks, and a client without a trusted certificate cannot call. */
		NEED

	}

	public static class ServerSsl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding the server's certificate and key, and
		 * the certificates it trusts for client authentication; the server then takes TLS
		 * connections only. A bundle Spring Boot reloads serves the next connections.
		 */
		private @Nullable String bundle;

		/**
		 * Whether clients must show a certificate the bundle's trust store trusts.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * How long a TLS handshake may take before the connection is closed.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

	public static class ClientSsl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding the certificates the client trusts
		 * and, for mutual TLS, its own certificate and key; the client then speaks TLS. A bundle
		 * Spring Boot reloads serves the next connections.
		 */
		private @Nullable String bundle;

		/**
		 * Host name the servers' certificates must match, and that is sent as SNI, in place of each
		 * endpoint's own host: for endpoints that are IP addresses.
		 */
		private @Nullable String serverName;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getServerName() {
			return this.serverName;
		}

		public void setServerName(@Nullable String serverName) {
			this.serverName = serverName;
		}

	}

	public static class Authentication {

		/**
		 * Bearer token sent in each request's meta.authorization member ("Bearer <token>").
		 */
		private @Nullable String bearerToken;

		private final Basic basic = new Basic();

		public @Nullable String getBearerToken() {
			return this.bearerToken;
		}

		public void setBearerToken(@Nullable String bearerToken) {
			this.bearerToken = bearerToken;
		}

		/** HTTP-Basic-style credentials, sent as "Basic <base64 of username:password>". */
		public Basic getBasic() {
			return this.basic;
		}

	}

	public static class Basic {

		/**
		 * User name sent in each request's meta.authorization member.
		 */
		private @Nullable String username;

		/**
		 * Password sent with the user name.
		 */
		private @Nullable String password;

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

}
