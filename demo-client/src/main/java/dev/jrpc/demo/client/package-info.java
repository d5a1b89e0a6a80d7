/**
 * The demo client: a Spring Boot command-line application whose components take the demo server's
 * services through their constructors, as client beans of {@code @ImportRpcClients}.
 */
@NullMarked
package dev.jrpc.demo.client;

import org.jspecify.annotations.NullMarked;
