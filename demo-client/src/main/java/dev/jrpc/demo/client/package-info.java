/**
 * The demo client: a Spring Boot command-line application whose {@code @RpcReference} fields the
 * jrpc starter fills with proxies of the demo server's services.
 */
@NullMarked
package dev.jrpc.demo.client;

import org.jspecify.annotations.NullMarked;
