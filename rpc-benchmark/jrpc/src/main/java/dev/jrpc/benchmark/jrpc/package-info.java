/** The scenario served and called by jrpc's own {@code RpcServer} and {@code RpcClient}. */
package dev.jrpc.benchmark.jrpc;
