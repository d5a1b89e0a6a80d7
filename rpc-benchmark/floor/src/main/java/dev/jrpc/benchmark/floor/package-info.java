/**
 * The floor: what the network code alone can do with jrpc's transport and jrpc's bytes. A client
 * writes a captured jrpc request under a length and a request id and blocks on a future; the server
 * answers with the jrpc response captured for the same case. No JSON, proxy or dispatch runs in
 * the loop.
 */
package dev.jrpc.benchmark.floor;
