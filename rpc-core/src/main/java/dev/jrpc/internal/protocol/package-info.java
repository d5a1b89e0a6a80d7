/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.protocol;

import org.jspecify.annotations.NullMarked;
