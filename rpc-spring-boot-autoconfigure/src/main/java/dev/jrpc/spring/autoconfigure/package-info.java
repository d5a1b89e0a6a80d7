/**
 * Auto-configuration of the jrpc server and client, and their properties.
 */
@NullMarked
package dev.jrpc.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
