/**
 * The demo server: a Spring Boot application whose {@code @RpcService} beans the jrpc starter
 * exports.
 */
@NullMarked
package dev.jrpc.demo.server;

import org.jspecify.annotations.NullMarked;
