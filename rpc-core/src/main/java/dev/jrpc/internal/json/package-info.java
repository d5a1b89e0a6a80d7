/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.json;

import org.jspecify.annotations.NullMarked;
