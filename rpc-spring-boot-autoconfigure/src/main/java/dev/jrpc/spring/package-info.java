/**
 * The annotations a Spring application uses: {@link dev.jrpc.spring.RpcService} exports a bean,
 * {@link dev.jrpc.spring.RpcReference} injects a proxy.
 */
@NullMarked
package dev.jrpc.spring;

import org.jspecify.annotations.NullMarked;
