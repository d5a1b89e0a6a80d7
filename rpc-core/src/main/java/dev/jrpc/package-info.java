/**
 * jrpc: JSON-RPC 2.0 over TCP for plain Java interfaces.
 *
 * <p>The public API is small: {@link dev.jrpc.RpcServer} exports implementations,
 * {@link dev.jrpc.RpcClient} creates proxies that call them, and {@link dev.jrpc.RpcException}
 * with its subclasses reports every failure a call can meet. Everything under
 * {@code dev.jrpc.internal} may change at any time.
 */
@NullMarked
package dev.jrpc;

import org.jspecify.annotations.NullMarked;
