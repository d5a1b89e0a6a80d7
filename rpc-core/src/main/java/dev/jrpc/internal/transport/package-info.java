/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.transport;

import org.jspecify.annotations.NullMarked;
