/**
 * The benchmark scenario shared by every system: the UserService of rpc-benchmark
 * (hank-whu/rpc-benchmark, also used by Apache Dubbo's benchmark), its server-side data and its
 * client-side inputs, plus an echo service for strings of 16 characters to 4 MiB and a byte array.
 */
package dev.jrpc.benchmark.scenario;
