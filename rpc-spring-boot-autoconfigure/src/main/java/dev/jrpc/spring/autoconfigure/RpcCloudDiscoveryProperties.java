package dev.jrpc.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the client's {@code discovery:///service-id} addresses, resolved through Spring
 * Cloud, under {@code rpc.client.cloud-discovery}.
 */
@ConfigurationProperties("rpc.client.cloud-discovery")
public class RpcCloudDiscoveryProperties {

	/**
	 * How often the instances of each service are listed again.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

}
