package dev.jrpc.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the ZooKeeper registry, under {@code rpc.registry.zookeeper}; the defaults are
 * those of {@code dev.jrpc.zookeeper.ZooKeeperRegistry}.
 */
@ConfigurationProperties("rpc.registry.zookeeper")
public class RpcZooKeeperProperties {

	/**
	 * ZooKeeper servers, host:port separated by commas, optionally followed by a chroot path;
	 * setting it turns the registry on.
	 */
	private @Nullable String connectString;

	/**
	 * Node under which services are registered.
	 */
	private String rootPath = "/jrpc";

	/**
	 * How long the session lives without contact before ZooKeeper drops the server's registrations;
	 * the ZooKeeper server bounds it, by default to 40s.
	 */
	private Duration sessionTimeout = Duration.ofSeconds(60);

	/**
	 * How long an operation waits for a connection; a server that cannot register within it fails
	 * to start.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(15);

	public @Nullable String getConnectString() {
		return this.connectString;
	}

	public void setConnectString(@Nullable String connectString) {
		this.connectString = connectString;
	}

	public String getRootPath() {
		return this.rootPath;
	}

	public void setRootPath(String rootPath) {
		this.rootPath = rootPath;
	}

	public Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

}
