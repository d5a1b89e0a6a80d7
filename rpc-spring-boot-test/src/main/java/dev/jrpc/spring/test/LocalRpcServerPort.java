package dev.jrpc.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the jrpc server listens on ({@code local.rpc.server.port}), useful with
 * {@code rpc.server.port=0}; as Spring Boot's {@code @LocalServerPort} does for the web server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Value("${local.rpc.server.port}")
public @interface LocalRpcServerPort {

}
