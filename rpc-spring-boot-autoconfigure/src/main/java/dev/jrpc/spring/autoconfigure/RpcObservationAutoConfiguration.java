package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcClient;
import dev.jrpc.RpcServer;
import dev.jrpc.observation.RpcClientObservationConvention;
import dev.jrpc.observation.RpcServerObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Observations of jrpc calls on both sides, when the application has an {@link ObservationRegistry}
 * (Spring Boot's {@code spring-boot-micrometer-observation} makes one): timers
 * {@code rpc.client.call.duration} and {@code rpc.server.call.duration}, and with Micrometer
 * Tracing, spans whose trace context travels in {@code meta.traceparent}. Beans of type
 * {@link RpcClientObservationConvention} and {@link RpcServerObservationConvention} replace the
 * default names and keys.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ RpcClient.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class RpcObservationAutoConfiguration {

	@Bean
	RpcServerCustomizer rpcServerObservations(ObservationRegistry registry,
			ObjectProvider<RpcServerObservationConvention> conventions) {
		return (RpcServer.Builder builder) -> {
			builder.observationRegistry(registry);
			conventions.ifUnique(builder::observationConvention);
		};
	}

	@Bean
	RpcClientCustomizer rpcClientObservations(ObservationRegistry registry,
			ObjectProvider<RpcClientObservationConvention> conventions) {
		return (RpcClient.Builder builder) -> {
			builder.observationRegistry(registry);
			conventions.ifUnique(builder::observationConvention);
		};
	}

}
