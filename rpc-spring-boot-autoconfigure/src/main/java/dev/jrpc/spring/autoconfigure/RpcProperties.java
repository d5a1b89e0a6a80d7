package dev.jrpc.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
		 * Calls that may wait for a free worker; beyond that, callers get a "server busy" error.
		 */
		private int queueCapacity = 1000;

		/**
		 * Event loop threads; the number of processors by default.
		 */
		private @Nullable Integer ioThreads;

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

	}

	/** The client behind every @RpcReference. */
	public static class Client {

		/**
		 * Default address, host:port or a comma-separated list, of every reference without its own.
		 */
		private @Nullable String address;

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

	}

	/** Settings of the references to one service. */
	public static class Service {

		/**
		 * Address of the service, host:port or a comma-separated list.
		 */
		private @Nullable String address;

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

	}

}
