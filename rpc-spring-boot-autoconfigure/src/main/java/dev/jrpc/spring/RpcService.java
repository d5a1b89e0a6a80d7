package dev.jrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Exports a bean over JSON-RPC: put it on an implementation class, and component scanning
 * registers it as a bean that the auto-configured server serves. Only the methods of the exported
 * interface can be called.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
public @interface RpcService {

	/**
	 * The interface to export. By default the one interface the class implements; a class that
	 * implements more than one must name it here.
	 */
	Class<?> interfaceClass() default void.class;

	/** The service name; by default the interface's fully-qualified name. */
	String name() default "";

	/** The service version; none by default. */
	String version() default "";

	/**
	 * Whether the methods answer to their plain names, with no service prefix, as JSON-RPC peers
	 * that know nothing of services call them; {@link #name()} and {@link #version()} are then
	 * not used. Plain names of all services share one namespace.
	 */
	boolean plainNames() default false;

	/** The bean name; by default derived from the class name, as for {@link Component}. */
	@AliasFor(annotation = Component.class, attribute = "value")
	String beanName() default "";

}
