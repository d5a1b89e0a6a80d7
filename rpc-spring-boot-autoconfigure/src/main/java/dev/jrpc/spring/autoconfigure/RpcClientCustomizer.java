package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcClient;

/**
 * Changes the auto-configured client before it is built: socket options through
 * {@link RpcClient.Builder#bootstrapCustomizer}, the callback executor, anything the builder
 * offers. Every bean of this type is applied, in order.
 */
@FunctionalInterface
public interface RpcClientCustomizer {

	void customize(RpcClient.Builder builder);

}
