package dev.jrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface method, or every method of an interface, as safe to run more than once. A
 * call to such a method that may have run (it timed out, or its connection was lost after the
 * request was written) is retried on another server within its deadline, up to the configured
 * number of attempts. A call to any other method is retried only when it provably did not run: a
 * write that does not say it is idempotent is never sent twice.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

}
