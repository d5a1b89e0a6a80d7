package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcServer;
import dev.jrpc.RpcServerInterceptor;
import dev.jrpc.spring.RpcService;
import dev.jrpc.spring.autoconfigure.security.RpcServerSecurityAutoConfiguration;
import dev.jrpc.spring.context.RpcServerLifecycle;
import dev.jrpc.spring.context.RpcServiceBeans;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The jrpc server: started when {@code rpc.server.enabled} is not false and the context holds at
 * least one {@link RpcService @RpcService} bean, so that a pure client opens no port. Beans of type
 * {@link RpcServerInterceptor} wrap every call, in their {@code @Order}.
 */
@AutoConfiguration
@ConditionalOnClass(RpcServer.class)
@ConditionalOnProperty(prefix = "rpc.server", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(annotation = RpcService.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcServerAutoConfiguration {

	private static final String SPRING_SECURITY = "org.springframework.security.authentication.AuthenticationManager";


	@Bean
	@ConditionalOnMissingBean
	RpcServerLifecycle rpcServerLifecycle(RpcProperties properties, ListableBeanFactory beanFactory,
			ConfigurableEnvironment environment, ObjectProvider<RpcServerCustomizer> customizers,
			ObjectProvider<RpcJsonMapperCustomizer> mapperCustomizers, ObjectProvider<RpcServerInterceptor> interceptors,
			ObjectProvider<SslBundles> sslBundles) {
		return new RpcServerLifecycle(() -> {
			RpcProperties.Server server = properties.getServer();
			if (server.getSecurity().getAuthentication() == RpcProperties.AuthenticationMode.REQUIRED) {
				checkAuthenticationPossible(beanFactory);
			}
			RpcServer.Builder builder = RpcServer.builder()
				.port(server.getPort())
				.maxFrameSize(RpcJsonMappers.frameSize(server.getMaxFrameSize(), "rpc.server.max-frame-size"))
				.maxBatchSize(server.getMaxBatchSize())
				.shutdownGracePeriod(server.getShutdownGracePeriod())
				.firstByteTimeout(server.getFirstByteTimeout())
				.messageReadTimeout(server.getMessageReadTimeout())
				.idleTimeout(server.getIdleTimeout())
				.workerThreads(server.getWorkerThreads())
				.queueCapacity(server.getQueueCapacity())
				.weight(server.getWeight())
				.mapper(RpcJsonMappers.create(server.getMaxFrameSize(), mapperCustomizers));
			if (server.getAddress() != null) {
				builder.address(server.getAddress());
			}
			if (server.getIoThreads() != null) {
				builder.ioThreads(server.getIoThreads());
			}
			if (server.getAdvertisedAddress() != null) {
				builder.advertisedAddress(server.getAdvertisedAddress());
			}
			if (server.getMaxInboundBuffer() != null) {
				builder.maxInboundBuffer(server.getMaxInboundBuffer().toBytes());
			}
			if (server.getMaxConnectionAge() != null) {
				builder.maxConnectionAge(server.getMaxConnectionAge());
			}
			builder.discovery(server.getDiscover().isEnabled());
			String application = environment.getProperty("spring.application.name");
			if (application != null && !application.isBlank()) {
				builder.discoveryInfo(application, "1.0.0");
			}
			if (RpcVirtualThreads.enabled(environment)) {
				builder.threadPerCall(RpcVirtualThreads.serverCallThreads());
			}
			if (server.getSsl().getBundle() != null) {
				builder.tls(new SslBundleContexts(sslBundles).server(server.getSsl().getBundle(),
						server.getSsl().getClientAuth(), "rpc.server.ssl.bundle"))
					.tlsHandshakeTimeout(server.getSsl().getHandshakeTimeout());
			}
			interceptors.orderedStream().forEach(builder::interceptor);
			RpcServiceBeans.addTo(builder, beanFactory);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}, environment);
	}

	/**
	 * Refuses to start a server that requires authentication without anything to authenticate
	 * with: every call would otherwise run unauthenticated while the property says otherwise.
	 */
	private static void checkAuthenticationPossible(ListableBeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		if (!ClassUtils.isPresent(SPRING_SECURITY, classLoader)) {
			throw new IllegalStateException("rpc.server.security.authentication is required, but Spring Security"
					+ " is not on the classpath to check credentials with: add spring-boot-starter-security");
		}
		// A compile-time constant: reading it loads nothing of Spring Security.
		if (!beanFactory.containsBean(RpcServerSecurityAutoConfiguration.INTERCEPTOR_BEAN)) {
			throw new IllegalStateException("rpc.server.security.authentication is required, but jrpc's"
					+ " authentication (RpcServerSecurityAutoConfiguration) is excluded: include it, or set"
					+ " rpc.server.security.authentication=none and authenticate in your own interceptor");
		}
	}

}
