/**
 * Authentication and authorization of the calls a jrpc server takes, through the application's
 * Spring Security: configured only when Spring Security is on the classpath.
 */
@NullMarked
package dev.jrpc.spring.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
