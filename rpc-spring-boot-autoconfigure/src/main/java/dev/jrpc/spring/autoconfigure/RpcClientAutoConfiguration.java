package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcClientInterceptor;
import dev.jrpc.spring.context.ReferenceSettings;
import dev.jrpc.spring.context.RpcReferenceBeanPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The jrpc client and the injection of {@link dev.jrpc.spring.RpcReference @RpcReference} fields.
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
			ObjectProvider<RpcJsonMapperCustomizer> mapperCustomizers, ObjectProvider<RpcClientInterceptor> interceptors) {
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
		interceptors.orderedStream().forEach(builder::interceptor);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	static RpcReferenceBeanPostProcessor rpcReferenceBeanPostProcessor(Environment environment,
			ObjectProvider<RpcProperties> properties, ObjectProvider<RpcClient> client) {
		RpcReferenceBeanPostProcessor.Defaults defaults = (service) -> {
			RpcProperties.Client settings = properties.getObject().getClient();
			RpcProperties.Service own = settings.getServices().getOrDefault(service, new RpcProperties.Service());
			return new RpcReferenceBeanPostProcessor.ServiceDefaults(
					(own.getAddress() != null) ? own.getAddress() : settings.getAddress(),
					(own.getTimeout() != null) ? own.getTimeout() : settings.getTimeout(), own.isPlainNames(),
					own.getFraming(), own.getMaxInFlight(),
					(own.getLoadBalancer() != null) ? own.getLoadBalancer() : settings.getLoadBalancer(),
					(own.getRetry().getMaxAttempts() != null) ? own.getRetry().getMaxAttempts()
							: settings.getRetry().getMaxAttempts());
		};
		return new RpcReferenceBeanPostProcessor(environment, defaults, (settings) -> proxy(client.getObject(), settings));
	}

	private static Object proxy(RpcClient client, ReferenceSettings settings) {
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
		return proxy.build();
	}

}
