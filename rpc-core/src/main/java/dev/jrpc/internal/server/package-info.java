/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.server;

import org.jspecify.annotations.NullMarked;
