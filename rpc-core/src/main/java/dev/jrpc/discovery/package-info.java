/**
 * Where servers are found: {@link dev.jrpc.discovery.EndpointDiscovery} gives a client the live
 * set of {@link dev.jrpc.discovery.Endpoint}s of a service, and
 * {@link dev.jrpc.discovery.ServiceRegistry} lets a server announce itself. jrpc resolves
 * {@code host:port} lists and {@code dns:///} names itself; registries plug in through these
 * interfaces.
 */
@NullMarked
package dev.jrpc.discovery;

import org.jspecify.annotations.NullMarked;
