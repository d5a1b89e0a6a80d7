package dev.jrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} interface method as one-way: the client sends a JSON-RPC notification,
 * which carries no id and gets no response, and returns as soon as the bytes are written. The
 * caller learns nothing of the call's outcome; a failure to write still throws.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OneWay {

}
