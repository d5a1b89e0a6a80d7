package dev.jrpc.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a test class: the context's jrpc server listens in process as well as on a free port (given
 * by {@link LocalRpcServerPort}, whatever {@code rpc.server.port} says), and every
 * reference and client bean of the context calls it there, whatever its configured address, so
 * that no address needs configuring. The messages are the same JSON-RPC as over TCP, written and
 * read by the same code, so the test covers serialization; only the socket is left out.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ImportAutoConfiguration
public @interface AutoConfigureRpcTestTransport {

}
