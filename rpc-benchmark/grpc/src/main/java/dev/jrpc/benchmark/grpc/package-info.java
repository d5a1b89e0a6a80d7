/** The scenario served and called by gRPC-Java, with protobuf messages generated from {@code scenario.proto}. */
package dev.jrpc.benchmark.grpc;
