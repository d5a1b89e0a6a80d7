/**
 * The glue between jrpc and the application context: the server's lifecycle and the injection of references.
 */
@NullMarked
package dev.jrpc.spring.context;

import org.jspecify.annotations.NullMarked;
