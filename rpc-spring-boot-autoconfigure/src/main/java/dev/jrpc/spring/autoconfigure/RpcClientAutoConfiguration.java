package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.spring.context.ReferenceSettings;
import dev.jrpc.spring.context.RpcClientProxies;
import dev.jrpc.spring.context.RpcReferenceBeanPostProcessor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The jrpc client, the injection of {@link dev.jrpc.spring.RpcReference @RpcReference} fields, and
 * the proxies behind them and behind the client beans of
 * {@link dev.jrpc.spring.ImportRpcClients @ImportRpcClients}.
 * Beans of type {@link RpcClientInterceptor} wrap every call, in their {@code @Order}. The client
 * opens no connection until a reference is called.
 */
@AutoConfiguration
@ConditionalOnClass(RpcClient.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcClientAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RpcClient rpcClient(RpcProperties properties, ObjectProvider<RpcClientCustomizer> customizers,
			ObjectProvider<RpcJsonMapperCustomizer> mapperCustomizers, ObjectProvider<RpcClientInterceptor> interceptors,
			SslBundleContexts sslContexts, Environment environment) {
		RpcProperties.Client client = properties.getClient();
		RpcClient.Builder builder = RpcClient.builder()
			.timeout(client.getTimeout())
			.connectTimeout(client.getConnectTimeout())
			.maxFrameSize(RpcJsonMappers.frameSize(client.getMaxFrameSize(), "rpc.client.max-frame-size"))
			.mapper(RpcJsonMappers.create(client.getMaxFrameSize(), mapperCustomizers))
			.keepaliveInterval(client.getKeepaliveInterval())
			.keepaliveTimeout(client.getKeepaliveTimeout())
			.dnsRefreshInterval(client.getDnsRefreshInterval())
			.loadBalancing(client.getLoadBalancer())
			.maxAttempts(client.getRetry().getMaxAttempts())
			.retryBudget(client.getRetry().getBudget().getMaxTokens(), client.getRetry().getBudget().getTokenRatio())
			.connectBackoff(client.getConnectBackoff().getInitialDelay(), client.getConnectBackoff().getMultiplier(),
					client.getConnectBackoff().getMaxDelay(), client.getConnectBackoff().getJitter())
			.outlierEjection(client.getOutlierEjection().getConsecutiveTimeouts(),
					client.getOutlierEjection().getEjectionTime());
		if (RpcVirtualThreads.enabled(environment)) {
			builder.callbackExecutor(RpcVirtualThreads.clientCallbacks());
		}
		if (client.getSsl().getBundle() != null) {
			builder.tls(sslContexts.client(client.getSsl().getBundle(), "rpc.client.ssl.bundle"));
		}
		if (client.getSsl().getServerName() != null) {
			builder.tlsServerName(client.getSsl().getServerName());
		}
		// Credentials first: the application's interceptors see them, and may replace them.
		RpcClientInterceptor credentials = CredentialsInterceptor.of(client);
		if (credentials != null) {
			builder.interceptor(credentials);
		}
		interceptors.orderedStream().forEach(builder::interceptor);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** TLS contexts from SSL bundles, one per bundle, so that services with the same bundle share connections. */
	@Bean
	@ConditionalOnMissingBean
	SslBundleContexts rpcClientSslBundleContexts(ObjectProvider<SslBundles> bundles) {
		return new SslBundleContexts(bundles);
	}

	/** Static, as its post-processor: it is made before the other beans, and asks for the client only when a proxy is. */
	@Bean
	@ConditionalOnMissingBean
	static RpcClientProxies rpcClientProxies(Environment environment, ObjectProvider<RpcProperties> properties,
			ObjectProvider<RpcClient> client, ObjectProvider<SslBundleContexts> sslContexts) {
		RpcClientProxies.Defaults defaults = (service) -> {
			RpcProperties.Client settings = properties.getObject().getClient();
			RpcProperties.Service own = settings.getServices().getOrDefault(service, new RpcProperties.Service());
			return new RpcClientProxies.ServiceDefaults(
					(own.getAddress() != null) ? own.getAddress() : settings.getAddress(),
					(own.getTimeout() != null) ? own.getTimeout() : settings.getTimeout(), own.isPlainNames(),
					own.getFraming(), own.getMaxInFlight(),
					(own.getLoadBalancer() != null) ? own.getLoadBalancer() : settings.getLoadBalancer(),
					(own.getRetry().getMaxAttempts() != null) ? own.getRetry().getMaxAttempts()
							: settings.getRetry().getMaxAttempts());
		};
		return new RpcClientProxies(environment, defaults, (settings) -> proxy(client.getObject(), settings,
				properties.getObject().getClient().getServices().get(settings.name()), sslContexts.getObject()));
	}

	@Bean
	static RpcReferenceBeanPostProcessor rpcReferenceBeanPostProcessor(ObjectProvider<RpcClientProxies> proxies) {
		return new RpcReferenceBeanPostProcessor(proxies);
	}

	private static Object proxy(RpcClient client, ReferenceSettings settings, RpcProperties.@Nullable Service own,
			SslBundleContexts sslContexts) {
		RpcClient.ProxyBuilder<?> proxy = client.proxy(settings.type())
			.name(settings.name())
			.version(settings.version())
			.timeout(settings.timeout())
			.framing(settings.framing())
			.maxInFlight(settings.maxInFlight())
			.loadBalancing(settings.loadBalancing())
			.maxAttempts(settings.maxAttempts());
		if (settings.address() != null) {
			proxy.address(settings.address());
		}
		if (settings.plainNames()) {
			proxy.plainNames();
		}
		if (own != null && own.getSsl().getBundle() != null) {
			proxy.tls(sslContexts.client(own.getSsl().getBundle(),
					"rpc.client.services[" + settings.name() + "].ssl.bundle"));
		}
		if (own != null && own.getSsl().getServerName() != null) {
			proxy.tlsServerName(own.getSsl().getServerName());
		}
		return proxy.build();
	}

}
