package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcServer;

/**
 * Changes the auto-configured server before it is built: socket options through
 * {@link RpcServer.Builder#bootstrapCustomizer}, thread counts, anything the builder offers.
 * Every bean of this type is applied, in order.
 */
@FunctionalInterface
public interface RpcServerCustomizer {

	void customize(RpcServer.Builder builder);

}
