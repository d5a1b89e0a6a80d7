package dev.jrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an interface method the name it has on the wire, in place of its Java name. Use it to
 * tell apart two overloads that take the same number of parameters, or to match a method name of
 * another JSON-RPC server. Put it on the interface, so that client and server agree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcMethod {

	/** The method's name on the wire, without the service prefix. */
	String value();

}
