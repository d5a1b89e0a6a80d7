/**
 * Micrometer observations of jrpc calls, on both sides, named and tagged after the OpenTelemetry
 * RPC semantic conventions: the contexts the conventions read, the conventions themselves, and the
 * documentation of their keys. Turned on with {@code observationRegistry(...)} on
 * {@link dev.jrpc.RpcClient.Builder} and {@link dev.jrpc.RpcServer.Builder}.
 */
@NullMarked
package dev.jrpc.observation;

import org.jspecify.annotations.NullMarked;
