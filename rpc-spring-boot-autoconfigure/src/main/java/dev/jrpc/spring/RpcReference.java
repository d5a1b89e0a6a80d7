package dev.jrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a proxy of the field's interface that calls a remote service. Works on any field of a
 * bean, private and inherited fields included. Every attribute left empty is taken from the
 * properties: first {@code rpc.client.services.<name>.*}, then {@code rpc.client.*}.
 * {@code ${...}} placeholders are resolved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface RpcReference {

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

}
