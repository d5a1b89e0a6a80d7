package dev.jrpc.internal.client;

import dev.jrpc.discovery.Endpoint;

/**
 * One endpoint of a service as the client uses it: what discovery said of it, and the shared
 * connection to it.
 */
record Member(Endpoint endpoint, ClientConnection connection) {
}
