package dev.jrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.jrpc.spring.context.RpcClientsRegistrar;
import org.springframework.context.annotation.Import;

/**
 * Makes a client bean of each service interface named, injectable like any bean: through a
 * constructor, {@code @Autowired}, an {@code ObjectProvider}, or by name with {@code @Qualifier}.
 * A bean is named after its interface, {@code greetingServiceClient} for {@code GreetingService},
 * unless {@link RpcServiceClient#beanName()} says otherwise. Its settings come from the
 * interface's {@link RpcServiceClient}, if it has one, then from
 * {@code rpc.client.services.<name>.*} and {@code rpc.client.*}, exactly as for
 * {@link RpcReference}; a client bean and a field reference with the same settings share one proxy.
 * <pre>{@code
 * @Configuration
 * @ImportRpcClients(types = GreetingService.class)
 * @ImportRpcClients(basePackages = "com.example.billing")
 * class Clients {
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ImportRpcClients.Container.class)
@Import(RpcClientsRegistrar.class)
public @interface ImportRpcClients {

	/** Service interfaces to make client beans of, annotated with {@link RpcServiceClient} or not. */
	Class<?>[] types() default {};

	/** Packages, with their sub-packages, whose interfaces annotated with {@link RpcServiceClient} become client beans. */
	String[] basePackages() default {};

	/** Holds repeated {@link ImportRpcClients} annotations. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@Import(RpcClientsRegistrar.class)
	@interface Container {

		ImportRpcClients[] value();

	}

}
