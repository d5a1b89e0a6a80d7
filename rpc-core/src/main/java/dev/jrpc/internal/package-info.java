/**
 * jrpc's internals. Nothing in this package or below it is API: it may change in any release.
 */
@NullMarked
package dev.jrpc.internal;

import org.jspecify.annotations.NullMarked;
