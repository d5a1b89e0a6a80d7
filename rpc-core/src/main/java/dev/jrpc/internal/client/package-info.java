/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.client;

import org.jspecify.annotations.NullMarked;
