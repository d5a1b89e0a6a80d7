/**
 * Test support for applications that export or call jrpc services: the server's port, and an
 * in-process transport that every reference and client bean of a test's context calls.
 */
@NullMarked
package dev.jrpc.spring.test;

import org.jspecify.annotations.NullMarked;
