package dev.jrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service interface that {@link ImportRpcClients#basePackages()} turns into a client bean,
 * and holds its settings. Every attribute left empty is taken from the properties, first
 * {@code rpc.client.services.<name>.*}, then {@code rpc.client.*}, as for {@link RpcReference};
 * {@code ${...}} placeholders are resolved when the bean is created.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcServiceClient {

	/** The service name; by default the interface's fully-qualified name. */
	String name() default "";

	/** The service version; none by default. */
	String version() default "";

	/**
	 * Where the service is: {@code host:port} or a comma-separated list of them,
	 * {@code dns:///host:port}, or {@code discovery:///service-id} (Spring Cloud). Without one, from
	 * the properties, or else from the registry.
	 */
	String address() default "";

	/** How long each call waits for its answer, as a duration such as {@code 500ms} or {@code 2s}. */
	String timeout() default "";

	/**
	 * The client bean's name; by default the interface's simple name, its first letter in lower
	 * case, followed by {@code Client}: {@code greetingServiceClient} for {@code GreetingService}.
	 */
	String beanName() default "";

}
