/**
 * Internal: may change at any time.
 */
@NullMarked
package dev.jrpc.internal.discovery;

import org.jspecify.annotations.NullMarked;
