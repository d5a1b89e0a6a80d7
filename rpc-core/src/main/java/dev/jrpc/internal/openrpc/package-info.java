/**
 * The OpenRPC document a server answers {@code rpc.discover} with, generated from its exported
 * interfaces once, at startup.
 */
@NullMarked
package dev.jrpc.internal.openrpc;

import org.jspecify.annotations.NullMarked;
